-- GETs the URL wrk was given. Arguments: token or "-".
function init(args)
  headers = headers_for(args[1])
end

function request()
  return wrk.format("GET", nil, headers)
end
