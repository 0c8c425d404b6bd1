-- posts a new Networx lead on every request: lead_id, email and phone unique per thread and request.
-- RUN (environment) keeps ids apart between runs against the same store.
-- done() prints one JSON line: requests, 2xx, non-2xx, socket errors, duration and latency.

local run = os.getenv("RUN") or tostring(os.time())
local threads = {}
local counter = 1

local template = [[{"first_name":"Bench","last_name":"Lead","email":"%s@bench.example.org",]]
  .. [["phone":"%s","address":"123 Fake Street","city":"Nowhere","state":"TK","zip":"00001",]]
  .. [["task_name":"Carpentry","task_category":"Carpentry","network":"Carpentry",]]
  .. [["extra_information":"Test description","lead_id":"%s","company_name":"John Doe's Carpentry",]]
  .. [["is_exclusive":false,"price":"12.4","source_id":"123456kl","lead_date":"2025-02-11T11:13:39+02:00",]]
  .. [["lead_attributes[What kind of location is this?]":"Home / Residence",]]
  .. [["trustedform_cert_url":"https://cert.trustedform.com","plan_id":"12345","plan_name":"My Plan"}]]

function setup(thread)
  thread:set("tid", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  n = 0
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  n = n + 1
  local id = run .. "-" .. tid .. "-" .. n
  local phone = string.format("2%02d%07d", tid % 100, n % 10000000)
  return wrk.format("POST", nil, headers, string.format(template, id, phone, id))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"non2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,'
    .. '"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, e.status, e.connect, e.read, e.write, e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.max))
end
