// Federation throughput and latency between two nodes on loopback (bench/share/bench.sh):
// items offered by a UK node through the release policy, signed and published to JetStream,
// received, checked and applied by a French node. The anchor is raw JetStream publishing of
// the same payloads (no policy, no signature, no consumer) on the same server.

#include <nats/nats.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "share/federation/federation.h"

namespace {

using Steady = std::chrono::steady_clock;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Steady::now().time_since_epoch())
      .count();
}

double percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1))];
}

sw::Label label(bool to_france) {
  sw::Label label;
  label.owner = "UK/HMCG";
  if (to_france) label.releasable_to = {"FR"};
  return label;
}

/// A track-sized body (~600 bytes) carrying its send time.
std::string body(std::uint64_t id, std::int64_t sent_ns) {
  std::string text = "{\"id\":" + std::to_string(id) + ",\"sent_ns\":" + std::to_string(sent_ns) +
                     ",\"class\":\"dark\",\"lat\":51.012345,\"lon\":1.456789,\"sog_kn\":7.2,"
                     "\"cog_deg\":312.5,\"sources\":[\"radar-dover\",\"radar-gris-nez\"],"
                     "\"pad\":\"";
  text += std::string(420, 'x');
  text += "\"}";
  return text;
}

double raw_publish_rate(const std::string& url, int items, std::size_t size) {
  natsOptions* options = nullptr;
  natsConnection* connection = nullptr;
  jsCtx* js = nullptr;
  natsOptions_Create(&options);
  natsOptions_SetURL(options, url.c_str());
  natsOptions_SetUserInfo(options, "uk-node", "pw-uk-node");
  if (natsConnection_Connect(&connection, options) != NATS_OK) return 0;
  natsConnection_JetStream(&js, connection, nullptr);
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  const char* subjects[] = {"anchor.>"};
  config.Name = "ANCHOR";
  config.Subjects = subjects;
  config.SubjectsLen = 1;
  config.Storage = js_FileStorage;
  jsStreamInfo* info = nullptr;
  js_AddStream(&info, js, &config, nullptr, nullptr);
  jsStreamInfo_Destroy(info);
  const std::string payload(size, 'x');
  const auto start = Steady::now();
  for (int index = 0; index < items; ++index) {
    jsPubAck* ack = nullptr;
    js_Publish(&ack, js, "anchor.items", payload.data(), static_cast<int>(payload.size()), nullptr,
               nullptr);
    jsPubAck_Destroy(ack);
  }
  const double seconds = std::chrono::duration<double>(Steady::now() - start).count();
  jsCtx_Destroy(js);
  natsConnection_Destroy(connection);
  natsOptions_Destroy(options);
  return items / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Federation throughput and latency between two nodes over NATS JetStream"};
  std::string url = "nats://127.0.0.1:4222";
  std::string keys = "build/bench/share/keys";
  int items = 20000;
  app.add_option("--nats-url", url, "the NATS server (users uk-node and fr-node)");
  app.add_option("--keys", keys, "folder for the two nodes' signing keys");
  app.add_option("--items", items, "items the UK node offers");
  CLI11_PARSE(app, argc, argv);
  std::filesystem::create_directories(keys);

  const auto node = [&](const std::string& me, const std::string& partner,
                        const std::string& nation, const std::string& agency) {
    sw::share::FederationConfig config;
    config.node = me;
    config.nats_url = url;
    config.nats_user = me;
    config.nats_password = "pw-" + me;
    sw::share::Recipient recipient;
    recipient.name = "node:" + partner;
    recipient.nation = nation;
    recipient.agency = agency;
    recipient.max_sensitivity = sw::Sensitivity::kAmber;
    for (const std::string& name : {me, partner}) {
      (void)sw::share::SigningKey::load_or_create(keys + "/" + name + ".pem",
                                                  keys + "/" + name + ".pub.pem");
    }
    auto key = sw::share::VerifyKey::load(keys + "/" + partner + ".pub.pem");
    config.partners.push_back({partner, recipient, std::move(*key)});
    return config;
  };
  std::mutex mutex;
  std::vector<double> latencies_ms;
  std::atomic<int> received{0};
  auto fr_key =
      sw::share::SigningKey::load_or_create(keys + "/fr-node.pem", keys + "/fr-node.pub.pem");
  auto uk_key =
      sw::share::SigningKey::load_or_create(keys + "/uk-node.pem", keys + "/uk-node.pub.pem");
  auto fr = sw::share::Federation::start(
      node("fr-node", "uk-node", "UK", "UK/HMCG"), std::move(*fr_key),
      [&](const sw::share::FederatedItem& item) {
        const std::int64_t arrived = now_ns();
        const std::size_t at = item.body.find("\"sent_ns\":");
        const std::int64_t sent = std::stoll(item.body.substr(at + 10));
        std::lock_guard lock(mutex);
        latencies_ms.push_back(static_cast<double>(arrived - sent) / 1e6);
        ++received;
      });
  auto uk = sw::share::Federation::start(node("uk-node", "fr-node", "FR", "FR/CROSS-GN"),
                                         std::move(*uk_key), {});
  if (!fr || !uk) {
    std::fprintf(stderr, "federation_load: %s\n", (!fr ? fr.error() : uk.error()).detail.c_str());
    return 1;
  }
  std::mt19937 random(1);  // recorded seed: which items are released to FR
  int released = 0;
  const auto start = Steady::now();
  for (int index = 0; index < items; ++index) {
    const bool to_france = random() % 5 != 0;  // 80 % released
    released += static_cast<int>(
        (*uk)->offer("track", static_cast<std::uint64_t>(index + 1), 1, label(to_france),
                     body(static_cast<std::uint64_t>(index + 1), now_ns())));
  }
  const double offer_seconds = std::chrono::duration<double>(Steady::now() - start).count();
  for (int wait = 0; wait < 600 && received.load() < released; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const double total_seconds = std::chrono::duration<double>(Steady::now() - start).count();
  const std::size_t payload_size = body(1, now_ns()).size() + 250;  // with envelope and label
  const double anchor = raw_publish_rate(url, items, payload_size);
  const double offered_rate = items / offer_seconds;
  std::lock_guard lock(mutex);
  std::printf(
      "federation: %d items offered, %d released to FR (80 %% by label), %d received "
      "and applied, %.0f items/s offered (policy + sign + publish, synchronous acks)\n",
      items, released, received.load(), offered_rate);
  std::printf(
      "end to end (offer -> partner's sink): %.0f items/s; latency p50 %.2f ms, p99 "
      "%.2f ms, max %.2f ms\n",
      received.load() / total_seconds, percentile(latencies_ms, 0.5),
      percentile(latencies_ms, 0.99), percentile(latencies_ms, 1.0));
  std::printf(
      "anchor: raw JetStream publish of %zu-byte payloads (no policy, signature or "
      "consumer): %.0f msgs/s; federation offered/anchor = %.2f\n",
      payload_size, anchor, offered_rate / anchor);
  const auto stats = (*fr)->stats();
  std::printf("FR node: received %llu, duplicates %llu, rejected %llu\n",
              static_cast<unsigned long long>(stats.received),
              static_cast<unsigned long long>(stats.duplicates),
              static_cast<unsigned long long>(stats.rejected_signature + stats.rejected_sender +
                                              stats.rejected_malformed));
  return received.load() == released ? 0 : 1;
}
