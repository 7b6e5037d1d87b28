-- POST /v3/auth/tokens, application_credential method (id + secret).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.path = "/v3/auth/tokens"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format(
  '{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"id":"%s","secret":"%s"}}}}',
  env("BENCH_APPCRED_ID"), env("BENCH_APPCRED_SECRET"))
