-- POSTs ConfigMaps of about 1 KiB (the bytes of ConfigMaps.json) with names unique per run.
-- Arguments: token or "-", namespace, run prefix.
function init(args)
  headers = headers_for(args[1])
  headers["Content-Type"] = "application/json"
  namespace = args[2]
  prefix = args[3] .. "-" .. thread_index .. "-"
  path = "/api/v1/namespaces/" .. namespace .. "/configmaps"
  payload = string.rep("x", 850)
  counter = 0
end

function request()
  counter = counter + 1
  local body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"' .. prefix .. counter
    .. '","namespace":"' .. namespace .. '","labels":{"app":"bench","tier":"load"}},'
    .. '"data":{"version":"' .. counter .. '","payload":"' .. payload .. '"}}'
  return wrk.format("POST", path, headers, body)
end
