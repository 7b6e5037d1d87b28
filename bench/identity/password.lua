-- POST /v3/auth/tokens, password method, project scope (same hash algorithm and rounds on both sides).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.path = "/v3/auth/tokens"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format(
  '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s","domain":{"id":"default"},"password":"%s"}}},' ..
  '"scope":{"project":{"id":"%s"}}}}', env("BENCH_USER"), env("BENCH_PASSWORD"), env("BENCH_PROJECT_ID"))
