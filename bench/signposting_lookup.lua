-- wrk script for bench/signposting_load.sh: signposting lookups by NHS number, each with a
-- stated reason, over the NHS numbers in $NHS_FILE (half signposted children, half not),
-- as the logged-in practitioner whose session cookie is in $COOKIE.
local numbers = {}
local headers = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  for line in io.lines(os.getenv("NHS_FILE")) do numbers[#numbers + 1] = line end
  headers["Cookie"] = os.getenv("COOKIE")
  headers["X-Access-Reason"] = "Emergency department attendance, benchmark"
  math.randomseed(1000 + (id or 0))
end

function request()
  local nhs = numbers[math.random(#numbers)]
  return wrk.format("GET", "/api/v1/signposting?nhs_number=" .. nhs, headers)
end
