#include "region/bus.h"

#include <charconv>
#include <string>

#include "share/federation/wire.h"

namespace sw::region {

using share::nats_error;

namespace {

/// How long a publish of the same message id is recognised as a repeat: longer than a
/// region process takes to be restarted and catch up.
constexpr std::int64_t kDuplicateWindowNs = 20LL * 60 * 1'000'000'000;

Error js_error(const std::string& what, natsStatus status, jsErrCode code) {
  Error error = nats_error(what, status);
  if (code != 0) error.detail += " (JetStream error " + std::to_string(code) + ")";
  return error;
}

}  // namespace

BusMessage::BusMessage(natsMsg* message) : message_(message) {
  jsMsgMetaData* meta = nullptr;
  if (natsMsg_GetMetaData(&meta, message_) == NATS_OK) {
    sequence_ = meta->Sequence.Stream;
    jsMsgMetaData_Destroy(meta);
  }
}

BusMessage::~BusMessage() { natsMsg_Destroy(message_); }

std::string_view BusMessage::subject() const { return natsMsg_GetSubject(message_); }

std::string_view BusMessage::data() const {
  return {natsMsg_GetData(message_), static_cast<std::size_t>(natsMsg_GetDataLength(message_))};
}

std::string_view BusMessage::last_token() const {
  const std::string_view text = subject();
  const std::size_t dot = text.rfind('.');
  return dot == std::string_view::npos ? text : text.substr(dot + 1);
}

std::string BusMessage::header(const char* key) const {
  const char* value = nullptr;
  if (natsMsgHeader_Get(message_, key, &value) != NATS_OK || value == nullptr) return {};
  return value;
}

std::optional<std::int64_t> BusMessage::header_number(const char* key) const {
  const char* value = nullptr;
  if (natsMsgHeader_Get(message_, key, &value) != NATS_OK || value == nullptr) {
    return std::nullopt;
  }
  const std::string_view text(value);
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return number;
}

void BusMessage::ack() {
  // A lost acknowledgement only means the message comes again, which readers expect.
  static_cast<void>(natsMsg_Ack(message_, nullptr));
}

Bus::~Bus() {
  if (js_ != nullptr) jsCtx_Destroy(js_);
  if (connection_ != nullptr) {
    natsConnection_Close(connection_);
    natsConnection_Destroy(connection_);
  }
  natsOptions_Destroy(options_);
}

Result<std::unique_ptr<Bus>> Bus::connect(const BusSettings& settings) {
  std::unique_ptr<Bus> bus(new Bus());
  bus->settings_ = settings;
  natsStatus status = natsOptions_Create(&bus->options_);
  if (status == NATS_OK) status = natsOptions_SetURL(bus->options_, settings.nats_url.c_str());
  if (status == NATS_OK && !settings.nats_user.empty()) {
    status = natsOptions_SetUserInfo(bus->options_, settings.nats_user.c_str(),
                                     settings.nats_password.c_str());
  }
  if (status == NATS_OK) status = natsOptions_SetMaxReconnect(bus->options_, -1);
  if (status == NATS_OK) status = natsOptions_SetReconnectWait(bus->options_, 250);
  if (status == NATS_OK) status = natsConnection_Connect(&bus->connection_, bus->options_);
  if (status != NATS_OK) return nats_error("connecting to " + settings.nats_url, status);
  jsOptions options;
  jsOptions_Init(&options);
  options.PublishAsync.MaxPending = 4096;
  options.PublishAsync.ErrHandler = [](jsCtx*, jsPubAckErr*, void* closure) {
    static_cast<Bus*>(closure)->failed_.fetch_add(1);
  };
  options.PublishAsync.ErrHandlerClosure = bus.get();
  status = natsConnection_JetStream(&bus->js_, bus->connection_, &options);
  if (status != NATS_OK) return nats_error("JetStream", status);
  if (Status streams = bus->ensure_streams(); !streams) return streams.error();
  return bus;
}

std::string Bus::stream_name(Stream stream) const {
  static constexpr const char* kNames[] = {"_INPUT", "_TRACKS", "_HANDOVER", "_STATE"};
  return settings_.prefix + kNames[static_cast<int>(stream)];
}

std::string Bus::subject(Stream stream, const std::string& token) const {
  static constexpr const char* kKinds[] = {".in.", ".trk.", ".ho.", ".state."};
  return settings_.prefix + kKinds[static_cast<int>(stream)] + token;
}

Status Bus::ensure_streams() {
  for (const Stream stream : {Stream::kInput, Stream::kTracks, Stream::kHandover, Stream::kState}) {
    const std::string name = stream_name(stream);
    const std::string wildcard = subject(stream, ">");
    const char* subjects[] = {wildcard.c_str()};
    jsStreamConfig config;
    jsStreamConfig_Init(&config);
    config.Name = name.c_str();
    config.Subjects = subjects;
    config.SubjectsLen = 1;
    config.Storage = js_FileStorage;
    config.Duplicates = kDuplicateWindowNs;
    config.MaxAge = static_cast<std::int64_t>(settings_.keep_hours * 3600.0 * 1e9);
    jsStreamInfo* info = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    natsStatus status = js_AddStream(&info, js_, &config, nullptr, &code);
    if (status != NATS_OK && code == JSStreamNameExistErr) {
      status = js_GetStreamInfo(&info, js_, name.c_str(), nullptr, &code);
    }
    jsStreamInfo_Destroy(info);
    if (status != NATS_OK) return js_error("stream " + name, status, code);
  }
  return Ok{};
}

Status Bus::publish_async(const std::string& subject, std::string_view data,
                          const std::string& message_id, std::optional<std::int64_t> receive_time) {
  natsMsg* message = nullptr;
  natsStatus status = natsMsg_Create(&message, subject.c_str(), nullptr, data.data(),
                                     static_cast<int>(data.size()));
  if (status == NATS_OK) status = natsMsgHeader_Set(message, "Nats-Msg-Id", message_id.c_str());
  if (status == NATS_OK && receive_time) {
    status = natsMsgHeader_Set(message, "Sw-Receive", std::to_string(*receive_time).c_str());
  }
  if (status == NATS_OK) status = js_PublishMsgAsync(js_, &message, nullptr);
  natsMsg_Destroy(message);  // null when the library took it
  if (status != NATS_OK) return nats_error("publishing to " + subject, status);
  return Ok{};
}

Status Bus::flush() {
  jsPubOptions options;
  jsPubOptions_Init(&options);
  options.MaxWait = 30000;
  natsStatus status = js_PublishAsyncComplete(js_, &options);
  if (status != NATS_OK) return nats_error("waiting for publish acknowledgements", status);
  const std::uint64_t failed = failed_.exchange(0);
  if (failed > 0) return Error{"nats", std::to_string(failed) + " publishes were refused"};
  return Ok{};
}

Status Bus::publish(const std::string& subject, std::string_view data,
                    const std::string& message_id) {
  jsPubOptions options;
  jsPubOptions_Init(&options);
  options.MsgId = message_id.c_str();
  jsPubAck* ack = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  const natsStatus status = js_Publish(&ack, js_, subject.c_str(), data.data(),
                                       static_cast<int>(data.size()), &options, &code);
  jsPubAck_Destroy(ack);
  if (status != NATS_OK) return js_error("publishing to " + subject, status, code);
  return Ok{};
}

Result<std::optional<BusMessage>> Bus::last(Stream stream, const std::string& subject) {
  natsMsg* message = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  const natsStatus status =
      js_GetLastMsg(&message, js_, stream_name(stream).c_str(), subject.c_str(), nullptr, &code);
  if (status == NATS_NOT_FOUND) {
    return std::optional<BusMessage>{};
  }
  if (status != NATS_OK) return js_error("last message of " + subject, status, code);
  return std::optional<BusMessage>(BusMessage(message));
}

Result<std::unique_ptr<StreamReader>> StreamReader::open(Bus& bus, Bus::Stream stream,
                                                         const std::string& filter,
                                                         std::optional<TimeNs> since) {
  std::unique_ptr<StreamReader> reader(new StreamReader());
  const std::string name = bus.stream_name(stream);
  jsSubOptions options;
  jsSubOptions_Init(&options);
  options.Stream = name.c_str();
  options.Ordered = true;
  options.Config.DeliverPolicy = since ? js_DeliverByStartTime : js_DeliverAll;
  if (since) options.Config.OptStartTime = *since;
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus status = js_SubscribeSync(&reader->subscription_, bus.jetstream(), filter.c_str(),
                                       nullptr, &options, &code);
  if (status != NATS_OK) return js_error("reading " + filter, status, code);
  jsConsumerInfo* info = nullptr;
  status = natsSubscription_GetConsumerInfo(&info, reader->subscription_, nullptr, &code);
  if (status != NATS_OK) return js_error("consumer info of " + filter, status, code);
  reader->pending_ = info->NumPending;
  reader->stored_at_open_ = info->NumPending;
  jsConsumerInfo_Destroy(info);
  return reader;
}

StreamReader::~StreamReader() {
  if (subscription_ != nullptr) {
    natsSubscription_Unsubscribe(subscription_);
    natsSubscription_Destroy(subscription_);
  }
}

Result<std::optional<BusMessage>> StreamReader::next() {
  if (pending_ == 0) return std::optional<BusMessage>{};
  natsMsg* message = nullptr;
  const natsStatus status = natsSubscription_NextMsg(&message, subscription_, 10000);
  if (status != NATS_OK) return nats_error("reading the stream", status);
  --pending_;
  return std::optional<BusMessage>(BusMessage(message));
}

Result<std::optional<BusMessage>> StreamReader::follow(int wait_ms) {
  natsMsg* message = nullptr;
  const natsStatus status = natsSubscription_NextMsg(&message, subscription_, wait_ms);
  if (status == NATS_TIMEOUT) return std::optional<BusMessage>{};
  if (status != NATS_OK) return nats_error("reading the stream", status);
  if (pending_ > 0) --pending_;
  return std::optional<BusMessage>(BusMessage(message));
}

Result<std::unique_ptr<DurableConsumer>> DurableConsumer::open(Bus& bus, Bus::Stream stream,
                                                               const std::string& filter,
                                                               const std::string& durable,
                                                               bool ack_all, double ack_wait_s) {
  std::unique_ptr<DurableConsumer> consumer(new DurableConsumer());
  const std::string name = bus.stream_name(stream);
  jsSubOptions options;
  jsSubOptions_Init(&options);
  options.Stream = name.c_str();
  options.Config.Durable = durable.c_str();
  options.Config.AckPolicy = ack_all ? js_AckAll : js_AckExplicit;
  options.Config.DeliverPolicy = js_DeliverAll;
  options.Config.AckWait = static_cast<std::int64_t>(ack_wait_s * 1e9);
  options.Config.MaxAckPending = 100000;
  jsErrCode code = static_cast<jsErrCode>(0);
  const natsStatus status =
      js_PullSubscribe(&consumer->subscription_, bus.jetstream(), filter.c_str(), durable.c_str(),
                       nullptr, &options, &code);
  if (status != NATS_OK) return js_error("consumer " + durable, status, code);
  return consumer;
}

DurableConsumer::~DurableConsumer() {
  // Destroy only: unsubscribing would delete the durable consumer on the server.
  natsSubscription_Destroy(subscription_);
}

Result<std::vector<BusMessage>> DurableConsumer::fetch(int batch, int wait_ms) {
  natsMsgList list{};
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus status;
  if (wait_ms <= 0) {
    jsFetchRequest request;
    jsFetchRequest_Init(&request);
    request.Batch = batch;
    request.NoWait = true;
    status = natsSubscription_FetchRequest(&list, subscription_, &request);
  } else {
    status = natsSubscription_Fetch(&list, subscription_, batch, wait_ms, &code);
  }
  std::vector<BusMessage> messages;
  for (int index = 0; index < list.Count; ++index) {
    messages.emplace_back(list.Msgs[index]);
    list.Msgs[index] = nullptr;
  }
  natsMsgList_Destroy(&list);
  if (status == NATS_TIMEOUT || status == NATS_NOT_FOUND) {
    return messages;
  }
  if (status != NATS_OK) return js_error("fetching", status, code);
  return messages;
}

}  // namespace sw::region
