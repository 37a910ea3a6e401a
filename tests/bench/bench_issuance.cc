// OpenID4VCI issuance over HTTP on loopback (issue 7): a load generator against a real
// `vaardig-issuer serve` on a fresh SQLite database pre-loaded with offers. N concurrent wallets,
// each on its own keep-alive connection, run token → nonce → credential (SD-JWT VC, ES256) with a
// fresh ES256 key proof signed after /nonce (the proof must carry that nonce, so it cannot be made
// ahead; its cost is on the client side of the same machine and is reported on its own).
// Every credential is durable before its response (one transaction per credential, WAL,
// synchronous=FULL): the figures include the fsyncs.
//
//   vaardig-bench-issuance --issuer build/release/bin/vaardig-issuer [--clients 32] [--seconds 10]
//       [--threads 16] [--offers 40000] [--dir DIR] [--json FILE]
//
// --dir puts the database (and the scratch files) under DIR instead of the temp directory: on a
// tmpfs (/dev/shm) fdatasync is free, which shows what the same code does when commits cost
// nothing (not durable; for finding where the time goes only).
//
// Prints credentials/s, p50/p99 latency per credential and per request type, the proof signing
// time, the CPU time the server and the clients used per credential, fsyncs/s on the database's
// file system, and the load average before and after.
#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/common/clock.h"
#include "core/config/config.h"
#include "core/crypto/random.h"
#include "core/store/sqlite.h"
#include "issuer/app/key_vault.h"
#include "issuer/app/settings.h"
#include "tests/issuer/issuance_load_util.h"

namespace {

using vaardig::Json;
using Clock = std::chrono::steady_clock;
namespace load = vaardig::issuer::load;

constexpr std::string_view kPublicUrl = "https://skills.gemeente-voorbeeld.test";

struct Options {
  std::string issuer;
  int clients = 32;
  int seconds = 10;
  int threads = 16;  // the issuer's default server.threads
  int offers = 0;  // 0: enough for ~2,500 credentials/s over `seconds`
  std::string dir;  // the database's parent directory; default the temp directory
  std::string json_out;
};

[[noreturn]] void Usage(const std::string& why) {
  std::cerr << "vaardig-bench-issuance: " << why
            << "\nusage: vaardig-bench-issuance --issuer PATH [--clients N] [--seconds S] [--threads T] "
               "[--offers K] [--dir DIR] [--json FILE]\n";
  std::exit(2);
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) Usage("missing value for " + arg);
    const std::string value = argv[++i];
    auto number = [&](int low, int high) {
      char* end = nullptr;
      const long n = std::strtol(value.c_str(), &end, 10);
      if (end == value.c_str() || *end != '\0' || n < low || n > high) Usage(arg + ": not a number in range");
      return static_cast<int>(n);
    };
    if (arg == "--issuer") {
      o.issuer = value;
    } else if (arg == "--clients") {
      o.clients = number(1, 1024);
    } else if (arg == "--seconds") {
      o.seconds = number(1, 3600);
    } else if (arg == "--threads") {
      o.threads = number(1, 256);
    } else if (arg == "--offers") {
      o.offers = number(1, 10'000'000);
    } else if (arg == "--dir") {
      o.dir = value;
    } else if (arg == "--json") {
      o.json_out = value;
    } else {
      Usage("unknown option " + arg);
    }
  }
  if (o.issuer.empty()) Usage("--issuer is required");
  if (o.offers == 0) o.offers = std::max(2'000, 2'500 * o.seconds);
  return o;
}

template <typename T>
T Must(vaardig::Result<T> r, std::string_view what) {
  if (!r) {
    std::cerr << "vaardig-bench-issuance: " << what << ": " << r.error().ToString() << "\n";
    std::exit(1);
  }
  return std::move(*r);
}

void Must(vaardig::Status s, std::string_view what) {
  if (!s) {
    std::cerr << "vaardig-bench-issuance: " << what << ": " << s.error().ToString() << "\n";
    std::exit(1);
  }
}

// Latencies in microseconds.
struct Samples {
  std::vector<double> token, nonce, proof, credential, total;
  void Append(const Samples& other) {
    for (auto [to, from] : {std::pair{&token, &other.token}, std::pair{&nonce, &other.nonce},
                            std::pair{&proof, &other.proof}, std::pair{&credential, &other.credential},
                            std::pair{&total, &other.total}}) {
      to->insert(to->end(), from->begin(), from->end());
    }
  }
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(at, v.size() - 1)];
}

double Micros(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::micro>(b - a).count();
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

// utime + stime of a process, in seconds.
double ProcessCpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string f;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::stod(f);
    if (i == 15) stime = std::stod(f);
  }
  return (utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double SelfCpuSeconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

// What one commit with synchronous=FULL costs at least on this file system: 4 KiB write + fdatasync.
double FsyncsPerSecond(const std::string& dir) {
  const std::string path = dir + "/fsync-probe";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return 0;
  const std::string block(4096, 'x');
  constexpr int kRounds = 200;
  const auto start = Clock::now();
  for (int i = 0; i < kRounds; ++i) {
    if (::pwrite(fd, block.data(), block.size(), 0) < 0 || ::fdatasync(fd) != 0) break;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  ::close(fd);
  ::unlink(path.c_str());
  return kRounds / seconds;
}

struct Totals {
  std::atomic<std::size_t> next{0};
  std::atomic<int> credentials{0};
  std::atomic<int> failures{0};
  std::mutex mu;
  Samples samples;
  std::string first_failure;
};

// One wallet: its own connection and key; offers from the shared list until the deadline.
void Wallet(const std::vector<load::OfferSecret>& offers, const std::atomic<std::uint16_t>& port,
            Clock::time_point deadline, Totals& totals, bool record) {
  const auto key = Must(vaardig::jose::PrivateJwk::Generate(vaardig::jose::Algorithm::kEs256), "client key");
  load::HttpConnection connection(port);
  Samples mine;
  auto fail = [&](const std::string& what) {
    totals.failures++;
    std::lock_guard lock(totals.mu);
    if (totals.first_failure.empty()) totals.first_failure = what.substr(0, 300);
  };
  while (Clock::now() < deadline) {
    const std::size_t i = totals.next++;
    if (i >= offers.size()) break;
    const auto t0 = Clock::now();
    auto token = load::TokenStep(connection, offers[i]);
    if (!token || token->reply.status != 200) {
      fail(token ? "token: " + token->reply.body : token.error().ToString());
      continue;
    }
    const auto t1 = Clock::now();
    auto nonce = load::NonceStep(connection);
    if (!nonce || nonce->reply.status != 200) {
      fail(nonce ? "nonce: " + nonce->reply.body : nonce.error().ToString());
      continue;
    }
    const auto t2 = Clock::now();
    auto body = load::CredentialRequestBody(key, kPublicUrl, nonce->json.value("c_nonce", ""),
                                            vaardig::issuer::kSkillSdJwtConfiguration,
                                            static_cast<std::int64_t>(std::time(nullptr)));
    if (!body) {
      fail("proof: " + body.error().ToString());
      continue;
    }
    const auto t3 = Clock::now();
    auto credential = load::CredentialStep(connection, token->json.value("access_token", ""), *body);
    if (!credential || credential->reply.status != 200 || !load::CredentialOf(credential->json)) {
      fail(credential ? "credential: " + credential->reply.body : credential.error().ToString());
      continue;
    }
    const auto t4 = Clock::now();
    if (!record) continue;
    totals.credentials++;
    mine.token.push_back(Micros(t0, t1));
    mine.nonce.push_back(Micros(t1, t2));
    mine.proof.push_back(Micros(t2, t3));
    mine.credential.push_back(Micros(t3, t4));
    mine.total.push_back(Micros(t0, t4));
  }
  std::lock_guard lock(totals.mu);
  totals.samples.Append(mine);
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  const std::string dir = ((options.dir.empty() ? std::filesystem::temp_directory_path()
                                                 : std::filesystem::path(options.dir)) /
                           ("vaardig-bench-issuance-" + vaardig::encoding::HexEncode(vaardig::crypto::RandomBytes(6))))
                              .string();
  std::filesystem::create_directories(dir);
  const std::string config_path = dir + "/issuer.toml";
  std::ofstream(config_path) << "[organisation]\nname = \"Gemeente Voorbeeld\"\n"
                             << "[server]\nport = 0\nthreads = " << options.threads << "\npublic_url = \"" << kPublicUrl
                             << "\"\n[database]\npath = \"" << dir << "/issuer.db\"\n"
                             << "[keys]\nkek_file = \"" << dir << "/issuer.kek\"\n";
  Must(vaardig::issuer::RunGenerateKek(dir + "/issuer.kek"), "key-encryption key");

  const int people = 1000;
  const int skills = options.offers / people + 1;
  std::vector<load::OfferSecret> offers;
  {
    auto config = Must(vaardig::config::Config::Load(config_path, "VAARDIG_ISSUER"), "configuration");
    auto settings = Must(vaardig::issuer::LoadIssuerSettings(config), "settings");
    auto app = Must(vaardig::issuer::IssuerApp::Open(settings, std::make_shared<vaardig::SystemClock>()), "database");
    const auto seeded = Clock::now();
    offers = Must(load::SeedIssuanceOffers(*app, people, skills, options.offers, 2000), "seeding offers");
    std::cerr << "seeded " << offers.size() << " offers in "
              << std::chrono::duration<double>(Clock::now() - seeded).count() << " s\n";
  }
  const double fsyncs = FsyncsPerSecond(dir);

  auto server = Must(load::ServeProcess::Start(options.issuer, config_path, dir + "/serve.log"), "starting the issuer");
  std::atomic<std::uint16_t> port{server->port()};

  // Warm-up (not timed): the first issuance creates the issuer's signing key and warms its caches.
  {
    const std::size_t count = std::min<std::size_t>(offers.size() / 2, 20);
    const std::vector<load::OfferSecret> warm_offers(offers.end() - static_cast<std::ptrdiff_t>(count), offers.end());
    offers.resize(offers.size() - count);
    Totals warm;
    Wallet(warm_offers, port, Clock::now() + std::chrono::seconds(60), warm, false);
    if (warm.failures > 0) {
      std::cerr << "vaardig-bench-issuance: warm-up failed: " << warm.first_failure << "\n";
      return 1;
    }
  }

  const std::string load_before = LoadAverage();
  Totals totals;
  const double server_cpu_before = ProcessCpuSeconds(server->pid());
  const double client_cpu_before = SelfCpuSeconds();
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::seconds(options.seconds);
  std::vector<std::thread> wallets;
  for (int c = 0; c < options.clients; ++c) {
    wallets.emplace_back([&] { Wallet(offers, port, deadline, totals, true); });
  }
  for (std::thread& t : wallets) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const double server_cpu = ProcessCpuSeconds(server->pid()) - server_cpu_before;
  const double client_cpu = SelfCpuSeconds() - client_cpu_before;
  const std::string load_after = LoadAverage();
  const int server_exit = server->Stop();

  std::string journal_mode = "?";
  {
    auto db = vaardig::store::OpenSqlite({.path = dir + "/issuer.db", .read_only = true});
    if (db) {
      auto row = (*db)->QueryOne("PRAGMA journal_mode");
      if (row && *row) journal_mode = (**row).Text(0);
    }
  }

  const int n = totals.credentials.load();
  const double rate = n / elapsed;
  const Samples& s = totals.samples;
  auto ms = [](double us) { return us / 1000.0; };
  std::printf("Issuance over HTTP on loopback: %d clients, %d server threads, %.1f s, %u cores, load average %s → %s\n",
              options.clients, options.threads, elapsed, std::thread::hardware_concurrency(), load_before.c_str(),
              load_after.c_str());
  std::printf("database: %s, SQLite journal_mode=%s, synchronous=FULL (IssuerApp::Open, SqliteOptions default); "
              "this file system: %.0f fdatasyncs/s\n",
              dir.c_str(), journal_mode.c_str(), fsyncs);
  std::printf("credentials: %d (SD-JWT VC), failures: %d%s%s\n", n, totals.failures.load(),
              totals.first_failure.empty() ? "" : ", first: ", totals.first_failure.c_str());
  std::printf("credentials/s: %.1f\n", rate);
  std::printf("%-32s %10s %10s\n", "latency (ms)", "p50", "p99");
  std::printf("%-32s %10.2f %10.2f\n", "per credential (all 3 requests)", ms(Percentile(s.total, 0.5)),
              ms(Percentile(s.total, 0.99)));
  std::printf("%-32s %10.2f %10.2f\n", "POST /token", ms(Percentile(s.token, 0.5)), ms(Percentile(s.token, 0.99)));
  std::printf("%-32s %10.2f %10.2f\n", "POST /nonce", ms(Percentile(s.nonce, 0.5)), ms(Percentile(s.nonce, 0.99)));
  std::printf("%-32s %10.2f %10.2f\n", "POST /credential", ms(Percentile(s.credential, 0.5)),
              ms(Percentile(s.credential, 0.99)));
  std::printf("%-32s %10.2f %10.2f\n", "client: sign the ES256 proof", ms(Percentile(s.proof, 0.5)),
              ms(Percentile(s.proof, 0.99)));
  if (n > 0) {
    std::printf("CPU per credential: server %.2f ms, load generator %.2f ms (proof signing, HTTP)\n",
                1000.0 * server_cpu / n, 1000.0 * client_cpu / n);
  }
  std::printf("server stopped with exit status %d\n", server_exit);

  if (!options.json_out.empty()) {
    Json out{{"clients", options.clients},
             {"server_threads", options.threads},
             {"seconds", elapsed},
             {"credentials", n},
             {"failures", totals.failures.load()},
             {"credentials_per_second", rate},
             {"database_dir", dir},
             {"journal_mode", journal_mode},
             {"synchronous", "FULL"},
             {"fdatasyncs_per_second", fsyncs},
             {"load_average_before", load_before},
             {"load_average_after", load_after},
             {"server_cpu_ms_per_credential", n > 0 ? 1000.0 * server_cpu / n : 0.0},
             {"client_cpu_ms_per_credential", n > 0 ? 1000.0 * client_cpu / n : 0.0}};
    for (auto [name, v] : {std::pair{"credential", &s.total}, std::pair{"token", &s.token},
                           std::pair{"nonce", &s.nonce}, std::pair{"credential_request", &s.credential},
                           std::pair{"proof_sign", &s.proof}}) {
      out["latency_ms"][name] = Json{{"p50", ms(Percentile(*v, 0.5))}, {"p99", ms(Percentile(*v, 0.99))}};
    }
    std::ofstream(options.json_out) << vaardig::DumpJson(out) << "\n";
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return totals.failures.load() == 0 && n > 0 ? 0 : 1;
}
