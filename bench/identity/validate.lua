-- GET /v3/auth/tokens: the admin token validates the bench user's project-scoped token.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
wrk.method = "GET"
wrk.path = "/v3/auth/tokens"
wrk.headers["X-Auth-Token"] = env("BENCH_ADMIN_TOKEN")
wrk.headers["X-Subject-Token"] = env("BENCH_SUBJECT_TOKEN")
