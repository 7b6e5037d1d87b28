-- POST /v3/auth/tokens, token method: an unscoped token exchanged for a project-scoped one.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.path = "/v3/auth/tokens"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format(
  '{"auth":{"identity":{"methods":["token"],"token":{"id":"%s"}},"scope":{"project":{"id":"%s"}}}}',
  env("BENCH_UNSCOPED_TOKEN"), env("BENCH_PROJECT_ID"))
