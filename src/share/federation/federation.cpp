#include "share/federation/federation.h"

#include <nats/nats.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <tuple>

#include "share/federation/wire.h"

namespace sw::share {
namespace {

using Json = nlohmann::ordered_json;

std::string stream_name(const std::string& node) { return "SWFED_" + node; }

std::string subject(const std::string& from, const std::string& to, const std::string& kind) {
  return "swfed." + from + "." + to + "." + kind;
}

/// The member `key` of an object, or a null value (operator[] on a const object is only
/// defined for keys it has).
const Json& member(const Json& json, const char* key) {
  static const Json missing;
  if (!json.is_object()) return missing;
  const auto found = json.find(key);
  return found == json.end() ? missing : *found;
}

}  // namespace

bool valid_subject_token(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Error nats_error(const std::string& what, natsStatus status) {
  return Error{"nats", what + ": " + natsStatus_GetText(status)};
}

Json label_wire(const Label& label) {
  return Json{{"owner", label.owner},
              {"releasable_to", label.releasable_to},
              {"purposes", label.purposes},
              {"sensitivity", static_cast<int>(label.sensitivity)},
              {"personal_data", label.personal_data},
              {"retention_s", label.retention_s}};
}

std::optional<Label> label_from_wire(const Json& json) {
  const Json& owner = member(json, "owner");
  const Json& releasable_to = member(json, "releasable_to");
  const Json& purposes = member(json, "purposes");
  const Json& sensitivity = member(json, "sensitivity");
  const Json& personal_data = member(json, "personal_data");
  const Json& retention_s = member(json, "retention_s");
  if (!owner.is_string() || !releasable_to.is_array() || !purposes.is_number_unsigned() ||
      !sensitivity.is_number_integer() || !personal_data.is_boolean() ||
      !retention_s.is_number_integer()) {
    return std::nullopt;
  }
  Label label;
  label.owner = owner.get<std::string>();
  for (const Json& entry : releasable_to) {
    if (!entry.is_string()) return std::nullopt;
    label.releasable_to.push_back(entry.get<std::string>());
  }
  const auto purpose_bits = purposes.get<std::uint64_t>();
  const auto level = sensitivity.get<std::int64_t>();
  if (purpose_bits > 7 || level < 0 || level > 3) return std::nullopt;
  label.purposes = static_cast<std::uint8_t>(purpose_bits);
  label.sensitivity = static_cast<Sensitivity>(level);
  label.personal_data = personal_data.get<bool>();
  label.retention_s = retention_s.get<std::int64_t>();
  return label;
}

std::string federated_payload(const FederatedItem& item, const std::string& to) {
  const Json body = Json::parse(item.body, nullptr, false);
  return Json{{"from", item.from},
              {"to", to},
              {"kind", item.kind},
              {"id", item.id},
              {"version", item.version},
              {"label", label_wire(item.label)},
              {"body", body.is_discarded() ? Json(item.body) : body}}
      .dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<FederatedItem> parse_federated_payload(std::string_view payload, std::string& to) {
  const Json json = Json::parse(payload, nullptr, false);
  const Json& from = member(json, "from");
  const Json& addressee = member(json, "to");
  const Json& kind = member(json, "kind");
  const Json& id = member(json, "id");
  const Json& version = member(json, "version");
  if (!from.is_string() || !addressee.is_string() || !kind.is_string() ||
      !id.is_number_unsigned() || !version.is_number_unsigned() || !json.contains("body")) {
    return Error{"malformed", "not a federated item"};
  }
  auto label = label_from_wire(member(json, "label"));
  if (!label) return Error{"malformed", "bad label"};
  FederatedItem item;
  item.from = from.get<std::string>();
  to = addressee.get<std::string>();
  item.kind = kind.get<std::string>();
  item.id = id.get<std::uint64_t>();
  item.version = version.get<std::uint64_t>();
  item.label = std::move(*label);
  item.body = member(json, "body").dump(-1, ' ', false, Json::error_handler_t::replace);
  return item;
}

class Federation::Impl {
 public:
  Impl(FederationConfig config, SigningKey key, Sink sink, AuditLog* audit)
      : config_(std::move(config)), key_(std::move(key)), sink_(std::move(sink)), audit_(audit) {}

  ~Impl() {
    // Closing the connection before the subscriptions leaves the durable consumers on the
    // server (an unsubscribe would delete them): the link resumes where it acknowledged.
    if (connection_ != nullptr) natsConnection_Close(connection_);
    for (natsSubscription* subscription : subscriptions_) natsSubscription_Destroy(subscription);
    jsCtx_Destroy(js_);
    natsConnection_Destroy(connection_);
    natsOptions_Destroy(options_);
  }

  Status open() {
    if (!valid_subject_token(config_.node)) {
      return Error{"bad_config", "node name '" + config_.node + "': letters, digits, - and _"};
    }
    std::set<std::string> names{config_.node};
    for (const PartnerNode& partner : config_.partners) {
      if (!valid_subject_token(partner.name) || !names.insert(partner.name).second) {
        return Error{"bad_config", "partner name '" + partner.name + "' is invalid or repeated"};
      }
    }
    natsStatus status = natsOptions_Create(&options_);
    if (status == NATS_OK) status = natsOptions_SetURL(options_, config_.nats_url.c_str());
    if (status == NATS_OK && !config_.nats_user.empty()) {
      status = natsOptions_SetUserInfo(options_, config_.nats_user.c_str(),
                                       config_.nats_password.c_str());
    }
    if (status == NATS_OK && !config_.nats_ca.empty()) {
      status = natsOptions_SetSecure(options_, true);
      if (status == NATS_OK) {
        status = natsOptions_LoadCATrustedCertificates(options_, config_.nats_ca.c_str());
      }
    }
    if (status == NATS_OK && !config_.nats_cert.empty()) {
      status = natsOptions_LoadCertificatesChain(options_, config_.nats_cert.c_str(),
                                                 config_.nats_key.c_str());
    }
    // Keep reconnecting for ever: a partner link that drops comes back by itself.
    if (status == NATS_OK) status = natsOptions_SetMaxReconnect(options_, -1);
    if (status == NATS_OK) status = natsOptions_SetReconnectWait(options_, 250);
    if (status == NATS_OK) status = natsConnection_Connect(&connection_, options_);
    if (status != NATS_OK) return nats_error("connecting to " + config_.nats_url, status);
    status = natsConnection_JetStream(&js_, connection_, nullptr);
    if (status != NATS_OK) return nats_error("JetStream", status);
    if (Status made = ensure_stream(config_.node); !made) return made;
    for (std::size_t index = 0; index < config_.partners.size(); ++index) {
      const PartnerNode& partner = config_.partners[index];
      if (Status made = ensure_stream(partner.name); !made) return made;
      jsSubOptions sub_options;
      jsSubOptions_Init(&sub_options);
      const std::string durable = config_.node + "-from-" + partner.name;
      const std::string stream = stream_name(partner.name);
      sub_options.Stream = stream.c_str();
      sub_options.Config.Durable = durable.c_str();
      sub_options.Config.AckPolicy = js_AckExplicit;
      sub_options.Config.DeliverPolicy = js_DeliverAll;
      sub_options.ManualAck = true;
      natsSubscription* subscription = nullptr;
      jsErrCode code = static_cast<jsErrCode>(0);
      const std::string wanted = subject(partner.name, config_.node, ">");
      contexts_.push_back(std::make_unique<Closure>(Closure{this, index}));
      status = js_Subscribe(&subscription, js_, wanted.c_str(), &Impl::on_message,
                            contexts_.back().get(), nullptr, &sub_options, &code);
      if (status != NATS_OK) return nats_error("subscribing to " + partner.name, status);
      subscriptions_.push_back(subscription);
    }
    return Ok{};
  }

  std::size_t offer(const std::string& kind, std::uint64_t id, std::uint64_t version,
                    const Label& label, const std::string& body_json) {
    FederatedItem item{config_.node, kind, id, version, label, body_json};
    std::size_t sent = 0;
    bump(&FederationStats::offered);
    for (const PartnerNode& partner : config_.partners) {
      const Decision decision = decide(label, partner.recipient);
      const std::string what = kind + ":" + std::to_string(id);
      if (decision != Decision::kReleased) {
        bump(&FederationStats::refused);
        continue;
      }
      const std::string payload = federated_payload(item, partner.name);
      const std::string signature = to_hex(key_.sign(payload));
      // Per addressee: one stream holds the item once for each partner it goes to.
      const std::string message_id =
          partner.name + ":" + kind + ":" + std::to_string(id) + ":" + std::to_string(version);
      natsMsg* message = nullptr;
      const std::string to_subject = subject(config_.node, partner.name, kind);
      natsStatus status = natsMsg_Create(&message, to_subject.c_str(), nullptr, payload.data(),
                                         static_cast<int>(payload.size()));
      if (status == NATS_OK) status = natsMsgHeader_Set(message, "Sw-From", config_.node.c_str());
      if (status == NATS_OK) status = natsMsgHeader_Set(message, "Sw-Signature", signature.c_str());
      jsPubOptions pub_options;
      jsPubOptions_Init(&pub_options);
      pub_options.MsgId = message_id.c_str();
      jsErrCode code = static_cast<jsErrCode>(0);
      jsPubAck* ack = nullptr;
      if (status == NATS_OK) status = js_PublishMsg(&ack, js_, message, &pub_options, &code);
      jsPubAck_Destroy(ack);
      natsMsg_Destroy(message);
      if (status != NATS_OK) {
        bump(&FederationStats::publish_errors);
        continue;
      }
      bump(&FederationStats::released);
      if (audit_ != nullptr) {
        audit_->record({"release", "node:" + partner.name, "federation", what, "released",
                        "version " + std::to_string(version)});
      }
      ++sent;
    }
    return sent;
  }

  FederationStats stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
  }

 private:
  struct Closure {
    Impl* self;
    std::size_t partner;
  };

  Status ensure_stream(const std::string& node) {
    const std::string name = stream_name(node);
    jsStreamInfo* info = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    if (js_GetStreamInfo(&info, js_, name.c_str(), nullptr, &code) == NATS_OK) {
      jsStreamInfo_Destroy(info);
      return Ok{};
    }
    jsStreamConfig config;
    jsStreamConfig_Init(&config);
    const std::string subjects = "swfed." + node + ".>";
    const char* subject_list[] = {subjects.c_str()};
    config.Name = name.c_str();
    config.Subjects = subject_list;
    config.SubjectsLen = 1;
    config.Storage = js_FileStorage;
    config.MaxAge = config_.keep_s * 1'000'000'000LL;
    const natsStatus status = js_AddStream(&info, js_, &config, nullptr, &code);
    jsStreamInfo_Destroy(info);
    // Another node may have made it at the same moment.
    if (status != NATS_OK &&
        js_GetStreamInfo(&info, js_, name.c_str(), nullptr, &code) != NATS_OK) {
      return nats_error("creating stream " + name, status);
    }
    return Ok{};
  }

  static void on_message(natsConnection* /*connection*/, natsSubscription* /*subscription*/,
                         natsMsg* message, void* closure) {
    auto* context = static_cast<Closure*>(closure);
    context->self->receive(context->partner, message);
    natsMsg_Ack(message, nullptr);  // handled, applied or not: never redelivered for ever
    natsMsg_Destroy(message);
  }

  void receive(std::size_t partner_index, natsMsg* message) {
    const PartnerNode& partner = config_.partners[partner_index];
    const char* from = nullptr;
    const char* signature_hex = nullptr;
    natsMsgHeader_Get(message, "Sw-From", &from);
    natsMsgHeader_Get(message, "Sw-Signature", &signature_hex);
    const std::string_view payload(natsMsg_GetData(message),
                                   static_cast<std::size_t>(natsMsg_GetDataLength(message)));
    if (from == nullptr || partner.name != from) return bump(&FederationStats::rejected_sender);
    // An Ed25519 signature is 64 bytes.
    const auto signature = from_hex(signature_hex == nullptr ? "" : signature_hex);
    if (!signature || signature->size() != 64) return bump(&FederationStats::rejected_signature);
    if (!partner.public_key.verify(payload, *signature)) {
      return bump(&FederationStats::rejected_signature);
    }
    std::string to;
    auto item = parse_federated_payload(payload, to);
    if (!item) return bump(&FederationStats::rejected_malformed);
    if (item->from != partner.name || to != config_.node) {
      return bump(&FederationStats::rejected_sender);
    }
    {
      std::lock_guard lock(mutex_);
      forget_old_versions();
      const auto now = std::chrono::steady_clock::now();
      const auto [last, first] =
          versions_.try_emplace({item->from, item->kind, item->id}, Seen{item->version, now});
      if (!first && item->version <= last->second.version) {
        ++stats_.duplicates;
        return;
      }
      last->second = Seen{item->version, now};
      ++stats_.received;
      stats_.remembered = versions_.size();
    }
    if (audit_ != nullptr) {
      audit_->record({"receive", "node:" + partner.name, "federation",
                      item->kind + ":" + std::to_string(item->id), "owner " + item->label.owner,
                      "version " + std::to_string(item->version)});
    }
    if (sink_) sink_(*item);
  }

  /// Caller holds mutex_. Runs at most once per keep time (and at least once a minute).
  void forget_old_versions() {
    const auto now = std::chrono::steady_clock::now();
    const auto keep = std::chrono::seconds(config_.keep_s);
    if (now - last_forget_ <
        std::min<std::chrono::steady_clock::duration>(keep, std::chrono::minutes(1))) {
      return;
    }
    last_forget_ = now;
    std::erase_if(versions_, [&](const auto& entry) { return now - entry.second.at > keep; });
    stats_.remembered = versions_.size();
  }

  void bump(std::uint64_t FederationStats::*counter) {
    std::lock_guard lock(mutex_);
    ++(stats_.*counter);
  }

  FederationConfig config_;
  SigningKey key_;
  Sink sink_;
  AuditLog* audit_;
  natsOptions* options_ = nullptr;
  natsConnection* connection_ = nullptr;
  jsCtx* js_ = nullptr;
  std::vector<natsSubscription*> subscriptions_;
  std::vector<std::unique_ptr<Closure>> contexts_;
  mutable std::mutex mutex_;
  FederationStats stats_;
  /// The newest version applied of each item, and when: the duplicate check. An item not
  /// heard of for the streams' keep time is forgotten (JetStream no longer holds it either),
  /// so the cache stays bounded and a partner's purged items leave it.
  struct Seen {
    std::uint64_t version;
    std::chrono::steady_clock::time_point at;
  };
  std::map<std::tuple<std::string, std::string, std::uint64_t>, Seen> versions_;
  std::chrono::steady_clock::time_point last_forget_ = std::chrono::steady_clock::now();
};

Result<std::unique_ptr<Federation>> Federation::start(FederationConfig config, SigningKey key,
                                                      Sink sink, AuditLog* audit) {
  auto impl = std::make_unique<Impl>(std::move(config), std::move(key), std::move(sink), audit);
  if (Status opened = impl->open(); !opened) return opened.error();
  return std::unique_ptr<Federation>(new Federation(std::move(impl)));
}

Federation::Federation(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Federation::~Federation() = default;

std::size_t Federation::offer(const std::string& kind, std::uint64_t id, std::uint64_t version,
                              const Label& label, const std::string& body_json) {
  return impl_->offer(kind, id, version, label, body_json);
}

FederationStats Federation::stats() const { return impl_->stats(); }

}  // namespace sw::share
