// crosscheck serve, in process on an ephemeral loopback port, through a real HTTP
// client (httplib::Client) and raw sockets: the API's shapes and errors, escaping
// of hostile articles, path traversal, malformed requests, clients that vanish
// mid-response, a bounded load test, and reading while an ingest writes.
#include "serve/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "crosscheck/corpus.h"
#include "crosscheck/store.h"

namespace crosscheck::serve {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string kSource = CROSSCHECK_SOURCE_DIR;

// Ingests `inputs` into the store at `db` (created when missing).
void Ingest(const std::string& db, const std::vector<std::string>& inputs) {
  StoreOptions so;
  so.mode = StoreMode::kReadWrite;
  Result<std::unique_ptr<Store>> store = OpenStore(db, so);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  IngestOptions io;
  io.threads = 1;
  Result<Ingester> ingester = Ingester::Open(**store, io);
  ASSERT_TRUE(ingester.ok()) << ingester.status().ToString();
  Result<IngestCounts> counts = ingester->Ingest(inputs, InputLimits{}, IngestEvents{});
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
}

// Writes to `path` another outlet's report of the bundled example's story: the wire's
// report under another outlet and address, with a sentence of its own.
void WriteAnotherOutletsReport(const fs::path& path) {
  std::ifstream in(kSource + "/examples/story/01_valley_wire.txt");
  std::ostringstream text;
  text << in.rdbuf();
  std::string copy = text.str();
  const std::string outlet = "Outlet: Valley Wire Service", site = "https://www.valleywire.example/";
  ASSERT_NE(copy.find(outlet), std::string::npos);
  ASSERT_NE(copy.find(site), std::string::npos);
  copy.replace(copy.find(outlet), outlet.size(), "Outlet: Lakeside Evening Star");
  copy.replace(copy.find(site), site.size(), "https://star.example/");
  std::ofstream(path) << copy << "\nThe Lakeside Evening Star will follow the story.\n";
}

// A server on its own thread, stopped and joined on destruction.
class Running {
 public:
  explicit Running(const std::string& db, size_t max_brief_articles = ServerOptions{}.max_brief_articles,
                   size_t cached_briefs = ServerOptions{}.cached_briefs)
      : Running([&] {
          ServerOptions o;
          o.db = db;
          o.max_brief_articles = max_brief_articles;
          o.cached_briefs = cached_briefs;
          return o;
        }()) {}
  // On a free port whatever o.port says.
  explicit Running(ServerOptions o) {
    o.port = 0;
    Result<std::unique_ptr<Server>> s = Server::Create(o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return;
    server_ = std::move(s).value();
    Result<int> port = server_->Bind();
    EXPECT_TRUE(port.ok()) << port.status().ToString();
    port_ = port.ok() ? *port : 0;
    thread_ = std::thread([this] { server_->Run(); });
    for (int i = 0; i < 500 && !server_->running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~Running() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  Server& server() { return *server_; }
  std::unique_ptr<httplib::Client> Client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_read_timeout(60);
    return c;
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// Whether `response` holds a whole response: its headers and Content-Length bytes.
bool Complete(const std::string& response) {
  const size_t end = response.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  const size_t length = response.find("Content-Length: ");
  if (length == std::string::npos || length > end) return true;
  return response.size() >= end + 4 + std::stoul(response.substr(length + 16));
}

// Sends `request` as it is over a new connection and reads a whole response, or
// until the server closes it (or 10 seconds pass); `read_at_most` stops early and
// closes first.
std::string Raw(int port, const std::string& request, size_t read_at_most = SIZE_MAX, bool small_buffer = false) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  if (small_buffer) {
    int size = 1024;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  }
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    char buffer[4096];
    while (response.size() < read_at_most) {
      const ssize_t n = ::recv(fd, buffer, std::min(sizeof buffer, read_at_most - response.size()), 0);
      if (n <= 0) break;
      response.append(buffer, static_cast<size_t>(n));
      if (Complete(response)) break;  // rather than wait for the server to drop a kept-alive connection
    }
  }
  if (read_at_most != SIZE_MAX) {
    // Reset rather than close politely: the server's next write fails at once.
    linger hard{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  }
  ::close(fd);
  return response;
}

// The status code of a raw response ("HTTP/1.1 404 Not Found" -> 404), 0 if none.
int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
  return std::atoi(response.c_str() + 9);
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("crosscheck_serve_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_ / "huge");
    // A title of 60,000 characters of markup.
    std::ofstream huge(*dir_ / "huge" / "huge_title.txt");
    huge << "Title: ";
    for (int i = 0; i < 3000; ++i) huge << "<b>\"><img src=x onerror=alert(1)>";
    huge << "\nDate: 2025-06-04\nOutlet: <iframe src=javascript:alert(2)>\nURL: javascript:alert(3)\n\n"
         << "A water main burst under the high street on Wednesday, flooding <script>alert(4)</script> shops.\n\n"
         << "\"We have never seen <img src=x onerror=alert(5)> anything like it,\" said shop owner Dana Price.\n";
    huge.close();
    db_ = new std::string((*dir_ / "news.db").string());
    Ingest(*db_, {kSource + "/examples/story/", kSource + "/examples/stream/",
                  kSource + "/tests/browser/fixtures/hostile/", (*dir_ / "huge").string()});
    server_ = new Running(*db_);
  }
  static void TearDownTestSuite() {
    delete server_;
    fs::remove_all(*dir_);
    delete db_;
    delete dir_;
  }

  static json GetJson(const std::string& path, int expect_status) {
    auto res = server_->Client()->Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, expect_status) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
    return json::parse(res->body, nullptr, false);
  }
  static std::vector<int64_t> StoryIds() {
    std::vector<int64_t> ids;
    const json list = GetJson("/api/stories", 200);
    for (const json& s : list["stories"]) ids.push_back(s["story"].get<int64_t>());
    return ids;
  }

  static fs::path* dir_;
  static std::string* db_;
  static Running* server_;
};

fs::path* ServeTest::dir_ = nullptr;
std::string* ServeTest::db_ = nullptr;
Running* ServeTest::server_ = nullptr;

TEST_F(ServeTest, StoriesApiListsEveryStoryLargestOrNewestFirst) {
  json j = GetJson("/api/stories", 200);
  ASSERT_TRUE(j["stories"].is_array());
  ASSERT_GE(j["stories"].size(), 3u);
  for (const json& s : j["stories"]) {
    EXPECT_TRUE(s["story"].is_number_integer());
    EXPECT_TRUE(s["headline"].is_string());
    EXPECT_TRUE(s["outlets"].is_array());
    EXPECT_GE(s["articles"].get<int>(), 1);
  }
  EXPECT_GE(j["stories"][0]["articles"].get<int>(), j["stories"].back()["articles"].get<int>());
  json newest = GetJson("/api/stories?sort=new", 200);
  ASSERT_EQ(newest["stories"].size(), j["stories"].size());
  for (size_t i = 1; i < newest["stories"].size(); ++i)
    EXPECT_GE(newest["stories"][i - 1]["last_date"].dump(), newest["stories"][i]["last_date"].dump());
  EXPECT_EQ(GetJson("/api/stories?limit=1", 200)["stories"].size(), 1u);
  // A date range no article falls in.
  EXPECT_EQ(GetJson("/api/stories?since=1990-01-01&until=1990-12-31", 200)["stories"].size(), 0u);
}

TEST_F(ServeTest, StoryApiGivesTheBriefAndTheStoreIdOfEachArticle) {
  const int64_t story = StoryIds().front();
  json j = GetJson("/api/stories/" + std::to_string(story), 200);
  EXPECT_EQ(j["story"], story);
  ASSERT_TRUE(j["brief"]["articles"].is_array());
  ASSERT_FALSE(j["brief"]["articles"].empty());
  for (const json& a : j["brief"]["articles"]) {
    const std::string id = a["id"];
    ASSERT_TRUE(j["article_ids"].contains(id)) << id;
    json article = GetJson("/api/articles/" + std::to_string(j["article_ids"][id].get<int64_t>()), 200);
    EXPECT_EQ(article["story"], story);
    EXPECT_FALSE(article["text"].get<std::string>().empty());
    EXPECT_TRUE(article["dropped"].is_array());
    EXPECT_TRUE(article["annotations"]["entities"].is_array());
  }
}

TEST_F(ServeTest, TheListCountsArticlesOutletsAndSourcesAsTheBriefDoes) {
  const json list = GetJson("/api/stories", 200);
  ASSERT_GE(list["stories"].size(), 3u);
  for (const json& s : list["stories"]) {
    const json b = GetJson("/api/stories/" + s["story"].dump(), 200)["brief"]["story"];
    EXPECT_EQ(s["articles"], b["articles"]) << s["headline"];
    EXPECT_EQ(s["outlets"].size(), b["outlets"].get<size_t>()) << s["headline"];
    EXPECT_EQ(s["independent_sources"], b["independent_sources"]) << s["headline"];
  }
  auto page = server_->Client()->Get("/");
  ASSERT_TRUE(page && page->status == 200);
  const json& top = list["stories"][0];
  EXPECT_NE(page->body.find("<b>" + top["articles"].dump() + "</b> articles · <b>" +
                            std::to_string(top["outlets"].size()) + "</b> outlets · <b>" +
                            top["independent_sources"].dump() + "</b> independent source"),
            std::string::npos);
}

TEST_F(ServeTest, SearchApiFindsArticlesByTheirWords) {
  json j = GetJson("/api/search?q=spillway+evacuation&limit=3", 200);
  ASSERT_FALSE(j["hits"].empty());
  EXPECT_LE(j["hits"].size(), 3u);
  for (const json& h : j["hits"]) {
    EXPECT_GT(h["article"].get<int64_t>(), 0);
    EXPECT_GT(h["story"].get<int64_t>(), 0);
    EXPECT_NE(h["snippet"].get<std::string>().find('['), std::string::npos);
  }
  EXPECT_TRUE(GetJson("/api/search?q=zzxqvw", 200)["hits"].empty());
}

TEST_F(ServeTest, BadParametersAre400NamingTheParameter) {
  const std::string long_query(401, 'a');
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/stories?limit=0", "limit"},          {"/api/stories?limit=abc", "limit"},
      {"/api/stories?limit=99999999", "limit"},   {"/api/stories?limit=-3", "limit"},
      {"/api/stories?sort=oldest", "sort"},       {"/api/stories?since=yesterday", "since"},
      {"/api/stories?until=2025-1-1", "until"},   {"/api/search", "q"},
      {"/api/search?q=%20%20", "q"},              {"/api/search?q=" + long_query, "q"},
      {"/api/search?q=dam&story=x", "story"},     {"/api/search?q=dam&limit=100000", "limit"},
  };
  for (const auto& [path, name] : cases) {
    json j = GetJson(path, 400);
    EXPECT_EQ(j["error"]["status"], 400) << path;
    EXPECT_EQ(j["error"]["message"].get<std::string>().rfind(name + ":", 0), 0u) << path << ": " << j.dump();
  }
  // Pages answer a bad parameter with a page.
  auto res = server_->Client()->Get("/?sort=sideways");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("<h1>Bad request</h1>"), std::string::npos);
}

TEST_F(ServeTest, UnknownIdsAre404NamingTheId) {
  for (const char* path : {"/api/stories/987654", "/api/articles/987654"}) {
    json j = GetJson(path, 404);
    EXPECT_EQ(j["error"]["status"], 404);
    EXPECT_NE(j["error"]["message"].get<std::string>().find("987654"), std::string::npos) << j.dump();
  }
  EXPECT_EQ(GetJson("/api/nothing", 404)["error"]["status"], 404);
  EXPECT_EQ(GetJson("/api/stories/12abc", 404)["error"]["status"], 404);
  for (const char* path : {"/story/987654", "/article/987654", "/nothing"}) {
    auto res = server_->Client()->Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
  }
  // Other methods are refused.
  auto post = server_->Client()->Post("/api/stories", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_GE(post->status, 400);
  EXPECT_TRUE(json::parse(post->body, nullptr, false).contains("error")) << post->body;
}

// Every page the hostile articles reach: no markup of theirs survives, no link
// but http(s) and the server's own, and the policy forbids scripts.
TEST_F(ServeTest, HostileArticlesReachEveryPageEscaped) {
  std::vector<std::string> pages = {"/", "/?sort=new", "/?q=council", "/?q=water+main", "/?q=script"};
  json hits = json::array();
  for (const char* q : {"council", "water", "defaced", "script"}) {
    const json found = GetJson(std::string("/api/search?q=") + q + "&limit=50", 200);
    for (const json& h : found["hits"]) hits.push_back(h);
  }
  ASSERT_GE(hits.size(), 4u);
  for (const json& h : hits) {
    pages.push_back("/article/" + std::to_string(h["article"].get<int64_t>()));
    pages.push_back("/article/" + std::to_string(h["article"].get<int64_t>()) + "?cite=%3Cscript%3Ealert(9)%3C%2Fscript%3E");
    pages.push_back("/story/" + std::to_string(h["story"].get<int64_t>()));
  }
  for (int64_t story : StoryIds()) pages.push_back("/story/" + std::to_string(story));
  const std::regex href(R"(href="([^"]*)\")");
  // A tag with an on... attribute among its (double-quoted) attributes.
  const std::regex on_attribute(R"(<[a-z0-9]+(\s+[a-z-]+(="[^"]*")?)*\s+on[a-z]+\s*=)", std::regex::icase);
  for (const std::string& path : pages) {
    auto res = server_->Client()->Get(path);
    ASSERT_TRUE(res) << path;
    ASSERT_EQ(res->status, 200) << path;
    const std::string& body = res->body;
    // Their markup shows as text ("&lt;script&gt;"), never as elements or attributes.
    for (const char* bad : {"<script", "<img", "<iframe"}) {
      EXPECT_EQ(body.find(bad), std::string::npos) << path << " holds " << bad;
    }
    std::smatch handler;
    EXPECT_FALSE(std::regex_search(body, handler, on_attribute)) << path << " has " << handler.str();
    for (auto it = std::sregex_iterator(body.begin(), body.end(), href); it != std::sregex_iterator(); ++it) {
      const std::string target = (*it)[1];
      const bool ours = target.rfind("/", 0) == 0 && target.rfind("//", 0) != 0;
      const bool web = target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0;
      EXPECT_TRUE(ours || web || target.rfind("#", 0) == 0) << path << " links to " << target;
    }
    const std::string policy = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << path;
    EXPECT_EQ(policy.find("script-src"), std::string::npos) << path;
    EXPECT_EQ(policy.find("unsafe"), std::string::npos) << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  }
}

TEST_F(ServeTest, ServesNoFileOutsideItsRoutes) {
  const std::vector<std::string> paths = {
      "/../etc/passwd", "/../../../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/style.css/../../etc/passwd", "/story/../../../etc/passwd",
      "/article/1/../../../../etc/passwd", "/api/../../../etc/passwd", "/api/articles/..%2f..%2fetc%2fpasswd",
      "//etc/passwd", "/etc/passwd", "/..%5c..%5cetc%5cpasswd", "/%00/etc/passwd", "/CMakeLists.txt",
      "/src/serve/server.cc", "/news.db", "/" + (*db_),
  };
  for (const std::string& path : paths) {
    const std::string response = Raw(server_->port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const int status = StatusOf(response);
    EXPECT_TRUE(status == 404 || status == 400) << path << ": " << response.substr(0, 80);
    EXPECT_EQ(response.find("root:"), std::string::npos) << path;
    EXPECT_EQ(response.find("cmake_minimum_required"), std::string::npos) << path;
    EXPECT_EQ(response.find("SQLite format"), std::string::npos) << path;
  }
}

TEST_F(ServeTest, SurvivesMalformedRequests) {
  const std::vector<std::string> requests = {
      "GARBAGE\r\n\r\n",
      "GET\r\n\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      "\r\n\r\n",
      std::string("GET /\0 HTTP/1.1\r\n\r\n", 20),
      "GET / HTTP/1.1\r\nX: " + std::string(20000, 'x') + "\r\n\r\n",
      "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n",
      "GET /api/search?q=" + std::string(7000, '%') + " HTTP/1.1\r\nConnection: close\r\n\r\n",
      "GET /api/search?q=%ff%fe%00%c0%af HTTP/1.1\r\nConnection: close\r\n\r\n",
      std::string(3000, '\xff'),
  };
  // Requests whose body a GET route ignores: answered or refused, either way.
  const std::vector<std::string> odd = {
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\nabc",
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\n",  // never finished
  };
  auto alive = [&](const std::string& after) {
    auto res = server_->Client()->Get("/api/stories?limit=1");
    ASSERT_TRUE(res) << "server gone after " << after.substr(0, 40);
    EXPECT_EQ(res->status, 200);
  };
  for (const std::string& request : requests) {
    const std::string response = Raw(server_->port(), request);
    const int status = StatusOf(response);
    // Answered with an error, with a JSON search result, or the connection closed.
    EXPECT_TRUE(status == 0 || status >= 400 || request.find("/api/search") != std::string::npos)
        << request.substr(0, 40) << " -> " << response.substr(0, 80);
    alive(request);
  }
  for (const std::string& request : odd) {
    const int status = StatusOf(Raw(server_->port(), request));
    EXPECT_TRUE(status == 0 || status == 200 || status >= 400) << request.substr(0, 40) << " -> " << status;
    alive(request);
  }
}

TEST_F(ServeTest, SurvivesClientsThatDisconnectMidResponse) {
  // The story with the huge title: its page is larger than the socket buffers
  // hold, so the server is still writing when the client resets the connection.
  const json found = GetJson("/api/search?q=burst", 200);
  ASSERT_FALSE(found["hits"].empty());
  const int64_t story = found["hits"][0]["story"].get<int64_t>();
  for (int i = 0; i < 20; ++i) {
    const std::string path = i % 2 ? "/story/" + std::to_string(story) : "/api/stories/" + std::to_string(story);
    const std::string part =
        Raw(server_->port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200, true);
    EXPECT_EQ(StatusOf(part), 200) << path;
  }
  // Half a request, then gone.
  for (int i = 0; i < 5; ++i) Raw(server_->port(), "GET /api/stor", 0);
  auto res = server_->Client()->Get("/story/" + std::to_string(story));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("</html>"), std::string::npos);
}

// 1,000 requests from 32 clients at once on loopback, all answered, in bounded time.
TEST_F(ServeTest, AnswersAThousandConcurrentRequests) {
  constexpr int kClients = 32;
  constexpr int kEach = 32;  // 1,024 in all
  const int64_t story = StoryIds().back();
  const std::vector<std::string> paths = {"/api/stories", "/", "/style.css", "/api/search?q=dam",
                                          "/?q=residents", "/api/stories/" + std::to_string(story)};
  std::atomic<int> ok{0}, failed{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", server_->port());
      client.set_read_timeout(60);
      client.set_connection_timeout(30);
      for (int i = 0; i < kEach; ++i) {
        auto res = client.Get(paths[(c + i) % paths.size()]);
        (res && res->status == 200 ? ok : failed)++;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(ok.load(), kClients * kEach);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_LT(seconds, 120) << "the load test took " << seconds << " s";
}

TEST(ServeAlone, KeepsServingWhileAnIngestWrites) {
  const fs::path dir = fs::temp_directory_path() / ("crosscheck_serve_ingest_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "news.db").string();
  Ingest(db, {kSource + "/examples/story/"});
  {
    Running server(db);
    auto client = server.Client();
    auto count = [&] {
      auto res = client->Get("/api/stories");
      EXPECT_TRUE(res && res->status == 200);
      size_t n = 0;
      const json list = res ? json::parse(res->body) : json();
      if (res)
        for (const json& s : list["stories"]) n += s["articles"].get<size_t>();
      return n;
    };
    const size_t before = count();
    std::atomic<bool> done{false};
    std::thread writer([&] {
      Ingest(db, {kSource + "/examples/stream/", kSource + "/tests/browser/fixtures/hostile/"});
      done = true;
    });
    int answered = 0;
    while (!done || answered < 5) {
      for (const char* path : {"/", "/api/stories", "/story/1", "/api/search?q=dam"}) {
        auto res = client->Get(path);
        ASSERT_TRUE(res) << path;
        EXPECT_EQ(res->status, 200) << path << ": " << res->body.substr(0, 200);
      }
      ++answered;
    }
    writer.join();
    EXPECT_GT(count(), before);
  }
  fs::remove_all(dir);
}

TEST(ServeAlone, BriefsAtMostTheLatestArticlesOfAStoryAndSaysSo) {
  const fs::path dir = fs::temp_directory_path() / ("crosscheck_serve_cap_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "news.db").string();
  Ingest(db, {kSource + "/examples/story/"});
  {
    Running server(db, 3);
    auto client = server.Client();
    auto list = client->Get("/api/stories?limit=1");
    ASSERT_TRUE(list && list->status == 200);
    const json top = json::parse(list->body)["stories"][0];
    ASSERT_GT(top["articles"].get<size_t>(), 3u);
    const std::string id = std::to_string(top["story"].get<int64_t>());
    auto res = client->Get("/api/stories/" + id);
    ASSERT_TRUE(res && res->status == 200);
    const json j = json::parse(res->body);
    EXPECT_EQ(j["articles_in_story"], top["articles"]);
    EXPECT_EQ(j["articles_briefed"], 3);
    EXPECT_EQ(j["brief"]["articles"].size(), 3u);
    // The latest ingested: the highest store ids of the story's articles.
    auto stored_ids = [](const json& brief) {
      std::vector<int64_t> ids;
      for (const auto& [brief_id, stored] : brief["article_ids"].items()) ids.push_back(stored.get<int64_t>());
      std::sort(ids.begin(), ids.end());
      return ids;
    };
    Running whole(db);
    auto all = whole.Client()->Get("/api/stories/" + id);
    ASSERT_TRUE(all && all->status == 200);
    std::vector<int64_t> every = stored_ids(json::parse(all->body));
    ASSERT_EQ(every.size(), top["articles"].get<size_t>());
    EXPECT_EQ(stored_ids(j), std::vector<int64_t>(every.end() - 3, every.end()));
    auto page = client->Get("/story/" + id);
    ASSERT_TRUE(page && page->status == 200);
    EXPECT_NE(page->body.find("Briefed from the latest 3 of the story&#39;s " + top["articles"].dump() + " articles."),
              std::string::npos);
  }
  fs::remove_all(dir);
}

TEST(ServeAlone, AKeptBriefIsTheOneBuiltAgainUntilTheStoryGrows) {
  const fs::path dir = fs::temp_directory_path() / ("crosscheck_serve_cache_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "later");
  const std::string db = (dir / "news.db").string();
  Ingest(db, {kSource + "/examples/story/", kSource + "/examples/stream/"});
  {
    Running kept(db);  // keeps briefs
    auto get = [](const Running& server, const std::string& path) {
      auto res = server.Client()->Get(path);
      EXPECT_TRUE(res && res->status == 200) << path;
      return res ? res->body : std::string();
    };
    // The dam story, which a copy of its first report joins below.
    const json hit = json::parse(get(kept, "/api/search?q=spillway+Millbrook&limit=1"))["hits"][0];
    const std::string story = "/story/" + hit["story"].dump(), api = "/api/stories/" + hit["story"].dump();
    const std::string page = get(kept, story), brief = get(kept, api);
    const size_t articles = json::parse(brief)["articles_in_story"].get<size_t>();
    EXPECT_EQ(get(kept, story), page);
    EXPECT_EQ(get(kept, api), brief);
    // The same answers from a server that keeps nothing (what is kept is what would
    // be built), and from one that keeps a single brief, asked for two stories in
    // turn (each request drops the other's brief).
    {
      Running none(db, ServerOptions{}.max_brief_articles, 0);
      EXPECT_EQ(get(none, story), page);
      EXPECT_EQ(get(none, api), brief);
      Running one(db, ServerOptions{}.max_brief_articles, 1);
      const json stories = json::parse(get(one, "/api/stories"))["stories"];
      ASSERT_GE(stories.size(), 2u);
      const std::string other =
          "/api/stories/" + stories[stories[0]["story"] == hit["story"] ? 1 : 0]["story"].dump();
      const std::string other_brief = get(none, other);
      for (int round = 0; round < 2; ++round) {
        EXPECT_EQ(get(one, api), brief);
        EXPECT_EQ(get(one, other), other_brief);
      }
    }
    // Another outlet's report of the same story: the page is built again with it.
    ASSERT_NO_FATAL_FAILURE(WriteAnotherOutletsReport(dir / "later" / "star.txt"));
    Ingest(db, {(dir / "later").string()});
    const json grown = json::parse(get(kept, api));
    EXPECT_EQ(grown["articles_in_story"].get<size_t>(), articles + 1);
    EXPECT_EQ(grown["brief"]["articles"].size(), articles + 1);
    EXPECT_NE(get(kept, story).find("Lakeside Evening Star"), std::string::npos);
  }
  fs::remove_all(dir);
}

TEST(ServeAlone, AKeptBriefCountsArticlesMergedInBeforeItsLatest) {
  // A story briefed from its latest 3 articles; another story, all of whose
  // articles are older, is merged into it: the brief is built from the same 3, but
  // the answer must give the story's new count.
  const fs::path dir = fs::temp_directory_path() / ("crosscheck_serve_merge_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "news.db").string();
  Ingest(db, {kSource + "/examples/story/", kSource + "/examples/stream/"});
  {
    Running server(db, 3);
    auto get = [&](const std::string& path) {
      auto res = server.Client()->Get(path);
      EXPECT_TRUE(res && res->status == 200) << path;
      return res ? json::parse(res->body) : json();
    };
    // The story with the newest articles takes the one with the oldest.
    const json stories = get("/api/stories")["stories"];
    ASSERT_GE(stories.size(), 2u);
    int64_t newest = 0, oldest = 0, newest_min = 0, oldest_max = INT64_MAX;
    for (const json& st : stories) {
      std::vector<int64_t> ids;
      const json story = get("/api/stories/" + st["story"].dump());
      for (const auto& [brief_id, stored] : story["article_ids"].items()) ids.push_back(stored.get<int64_t>());
      const int64_t lo = *std::min_element(ids.begin(), ids.end()), hi = *std::max_element(ids.begin(), ids.end());
      if (lo > newest_min) newest = st["story"].get<int64_t>(), newest_min = lo;
      if (hi < oldest_max) oldest = st["story"].get<int64_t>(), oldest_max = hi;
    }
    ASSERT_NE(newest, oldest);
    ASSERT_LT(oldest_max, newest_min) << "no story whose articles all come before another's latest 3";
    const json before = get("/api/stories/" + std::to_string(newest));
    {
      StoreOptions so;
      so.mode = StoreMode::kReadWrite;
      Result<std::unique_ptr<Store>> w = OpenStore(db, so);
      ASSERT_TRUE(w.ok()) << w.status().ToString();
      std::string state;
      ASSERT_TRUE((*w)->ForEachStoryState([&](int64_t id, const std::string& s, int64_t) {
                        if (id == newest) state = s;
                      }).ok());
      ASSERT_TRUE((*w)->Begin().ok());
      ASSERT_TRUE((*w)->MoveStory(oldest, newest).ok());
      ASSERT_TRUE((*w)->SaveStories({{oldest, "", newest, false}, {newest, state, 0, false}}, 4000).ok());
      ASSERT_TRUE((*w)->Commit().ok());
    }
    const json after = get("/api/stories/" + std::to_string(newest));
    EXPECT_EQ(after["article_ids"], before["article_ids"]);
    EXPECT_GT(after["articles_in_story"].get<size_t>(), before["articles_in_story"].get<size_t>());
  }
  fs::remove_all(dir);
}

// A store of the bundled example's story alone, which grows by a report written to
// `dir`/later and ingested: a server warming its stories builds it again.
void WarmsAgainWhenAStoryGrows(const fs::path& dir) {
  const std::string db = (dir / "dam.db").string();
  Ingest(db, {kSource + "/examples/story/"});
  auto get = [](const Running& server, const std::string& path) {
    auto res = server.Client()->Get(path);
    EXPECT_TRUE(res && res->status == 200) << path;
    return res ? res->body : std::string();
  };
  ServerOptions o;
  o.db = db;
  o.warm_briefs = 2;
  o.warm_min_articles = 0;
  o.warm_interval = std::chrono::milliseconds(20);
  Running warm(o);
  ASSERT_TRUE(warm.server().WaitForWarmPass(3, std::chrono::seconds(60)));
  const json stories = json::parse(get(warm, "/api/stories"))["stories"];
  ASSERT_EQ(stories.size(), 1u);
  EXPECT_EQ(warm.server().briefs_warmed(), 1u) << "an unchanged story is not built again";
  // The page of the warm brief is the one built on request.
  const std::string story = "/story/" + stories[0]["story"].dump();
  {
    ServerOptions off;
    off.db = db;
    off.warm_briefs = off.warm_min_articles = 0;
    Running cold(off);
    EXPECT_EQ(get(warm, story), get(cold, story));
  }
  // Another outlet's report joins it: the next pass builds it again.
  ASSERT_NO_FATAL_FAILURE(WriteAnotherOutletsReport(dir / "later" / "star.txt"));
  Ingest(db, {(dir / "later").string()});
  for (int i = 0; i < 3000 && warm.server().briefs_warmed() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(warm.server().briefs_warmed(), 2u);
  EXPECT_NE(get(warm, story).find("Lakeside Evening Star"), std::string::npos);
}

TEST(ServeAlone, BuildsTheFirstListedStoriesAheadAndAgainWhenOneGrows) {
  const fs::path dir = fs::temp_directory_path() / ("crosscheck_serve_warm_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "later");
  const std::string db = (dir / "news.db").string();
  Ingest(db, {kSource + "/examples/story/", kSource + "/examples/stream/"});
  constexpr auto kWait = std::chrono::seconds(60);
  {
    // How many: warm_briefs, at most half the cache, none at all.
    struct Case {
      size_t warm, cached, built;
    };
    for (const Case& c : {Case{2, 32, 2}, Case{16, 2, 1}, Case{1, 32, 1}}) {
      ServerOptions o;
      o.db = db;
      o.warm_briefs = c.warm;
      o.warm_min_articles = 0;
      o.cached_briefs = c.cached;
      Running server(o);
      ASSERT_TRUE(server.server().WaitForWarmPass(1, kWait));
      EXPECT_EQ(server.server().briefs_warmed(), c.built) << c.warm << " to warm, " << c.cached << " kept";
    }
    // Every story of at least so many articles, alone or after the first listed,
    // within half the cache.
    ServerOptions lister;
    lister.db = db;
    lister.warm_briefs = lister.warm_min_articles = 0;
    Running listing(lister);
    auto res = listing.Client()->Get("/api/stories");
    ASSERT_TRUE(res && res->status == 200);
    const json listed = json::parse(res->body)["stories"];
    ASSERT_GE(listed.size(), 3u);
    ASSERT_LE(listed.size(), 16u) << "the cases below keep every story";
    size_t largest = 0;
    for (const json& st : listed) largest = std::max(largest, st["articles"].get<size_t>());
    const size_t at_largest = static_cast<size_t>(
        std::count_if(listed.begin(), listed.end(), [&](const json& st) { return st["articles"] == largest; }));
    struct LargeCase {
      size_t warm, min_articles, cached, built;
    };
    for (const LargeCase& c : {LargeCase{0, largest, 32, at_largest}, LargeCase{1, largest, 32, at_largest},
                               LargeCase{0, largest + 1, 32, 0}, LargeCase{1, largest + 1, 32, 1},
                               LargeCase{0, 1, 32, listed.size()}, LargeCase{0, 1, 2, 1}}) {
      ServerOptions o;
      o.db = db;
      o.warm_briefs = c.warm;
      o.warm_min_articles = c.min_articles;
      o.cached_briefs = c.cached;
      Running server(o);
      ASSERT_TRUE(server.server().WaitForWarmPass(1, kWait));
      EXPECT_EQ(server.server().briefs_warmed(), c.built)
          << c.warm << " first listed, stories of " << c.min_articles << "+ articles, " << c.cached << " kept";
    }
    ServerOptions off;
    off.db = db;
    off.warm_briefs = off.warm_min_articles = 0;
    Running cold(off);
    EXPECT_FALSE(cold.server().WaitForWarmPass(1, std::chrono::milliseconds(200)));
    EXPECT_EQ(cold.server().briefs_warmed(), 0u);
  }
  WarmsAgainWhenAStoryGrows(dir);
  fs::remove_all(dir);
}

TEST(ServeAlone, BindFailsOnAPortInUseAndNamesIt) {
  const fs::path dir = fs::temp_directory_path() / ("crosscheck_serve_bind_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "news.db").string();
  Ingest(db, {kSource + "/examples/story/"});
  {
    Running first(db);
    ServerOptions o;
    o.db = db;
    o.port = first.port();
    Result<std::unique_ptr<Server>> second = Server::Create(o);
    ASSERT_TRUE(second.ok());
    Result<int> port = (*second)->Bind();
    ASSERT_FALSE(port.ok());
    EXPECT_NE(port.status().message().find(std::to_string(first.port())), std::string::npos);
    EXPECT_FALSE((*second)->Run());
  }
  ServerOptions missing;
  missing.db = (dir / "absent.db").string();
  EXPECT_FALSE(Server::Create(missing).ok());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace crosscheck::serve
