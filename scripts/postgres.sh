# Starts the machine's PostgreSQL cluster on loopback and provides a test role and database.
# Exports OPENNESS_TEST_POSTGRES (an Npgsql connection string) for the tests.

start_test_postgres() {
  local ver cluster
  ver="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
  if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
    as_root pg_createcluster "$ver" main >/dev/null
  fi
  cluster="$(pg_lsclusters -h | head -n1 | awk '{print $1" "$2}')"
  if ! pg_lsclusters -h | head -n1 | grep -q online; then
    as_root pg_ctlcluster $cluster start
  fi
  local port
  port="$(pg_lsclusters -h | head -n1 | awk '{print $3}')"
  local psql=(as_root runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAt)
  if [[ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='openness'")" ]]; then
    "${psql[@]}" -c "CREATE ROLE openness LOGIN SUPERUSER PASSWORD 'openness-test'" >/dev/null
  fi
  export OPENNESS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=openness;Password=openness-test;Database=postgres"
  echo "postgresql: running on 127.0.0.1:$port (role openness)" >&2
}
