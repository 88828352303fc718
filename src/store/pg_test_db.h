// A new, empty PostgreSQL database for one test, on the throwaway server that
// ctest starts for the tests that need it (tests/postgres_fixture.sh writes the
// server's URL to the file named by CROSSCHECK_PG_URL_FILE). Without that
// variable (no PostgreSQL binaries when cmake ran, or a test binary run by hand)
// the test is skipped with the reason; with it but no server, the test fails.
#ifndef CROSSCHECK_STORE_PG_TEST_DB_H_
#define CROSSCHECK_STORE_PG_TEST_DB_H_

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

namespace crosscheck::testing_support {

// The URL of a new database, or nullopt with `skip` saying why (a failure is
// recorded when a server should be there and is not).
inline std::optional<std::string> NewPostgresDatabase(std::string& skip) {
  const char* file = std::getenv("CROSSCHECK_PG_URL_FILE");
  if (file == nullptr || *file == '\0') {
    skip = "no PostgreSQL server for this test: ctest starts one when cmake found PostgreSQL's initdb and pg_ctl "
           "(apt-get install postgresql); run it through ctest";
    return std::nullopt;
  }
  std::string server;
  std::getline(std::ifstream(file), server);
  // The fixture's URL names the maintenance database: "postgresql://user@/postgres?host=...".
  const size_t at = server.find("/postgres?");
  if (at == std::string::npos) {
    ADD_FAILURE() << "the test server did not start (no URL in " << file << "): see ctest's postgres.start output";
    skip = "no server";
    return std::nullopt;
  }
  static std::atomic<int> made{0};
  const std::string name = "test_" + std::to_string(::getpid()) + "_" + std::to_string(made++);
  PGconn* conn = PQconnectdb(server.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* r = PQexec(conn, ("CREATE DATABASE " + name).c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(conn);
  if (!error.empty()) {
    ADD_FAILURE() << "cannot make a test database on " << server << ": " << error;
    skip = "no database";
    return std::nullopt;
  }
  return server.substr(0, at + 1) + name + server.substr(at + 9);
}

}  // namespace crosscheck::testing_support

#endif  // CROSSCHECK_STORE_PG_TEST_DB_H_
