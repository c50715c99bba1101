-- GETs ConfigMaps cm-0 .. cm-(objects-1) of one namespace at random.
-- Arguments: token or "-", namespace, objects.
function init(args)
  headers = headers_for(args[1])
  base = "/api/v1/namespaces/" .. args[2] .. "/configmaps/cm-"
  objects = tonumber(args[3])
  math.randomseed(os.time() * 1000 + thread_index)
end

function request()
  return wrk.format("GET", base .. math.random(0, objects - 1), headers)
end
