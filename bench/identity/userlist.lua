-- GET /v3/users?domain_id=<bench-users>: a list of BENCH_USERS (1,000) users, as admin.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
wrk.method = "GET"
wrk.path = "/v3/users?domain_id=" .. env("BENCH_USERS_DOMAIN_ID")
wrk.headers["X-Auth-Token"] = env("BENCH_ADMIN_TOKEN")
