#include "server/operator_desk.h"

#include "server/views.h"

#include <vector>

#include <nlohmann/json.hpp>

namespace sw::server {

OperatorDesk::OperatorDesk(Submit submit, std::uint32_t operator_source, const Clock& clock)
    : submit_(std::move(submit)),
      operator_source_(operator_source),
      clock_(clock),
      prefix_(std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-") {}

void OperatorDesk::act(const std::string& action, std::uint64_t alert, const std::string& actor,
                       const std::string& to, const std::string& reason, Done done) {
  std::string request;
  {
    std::lock_guard lock(mutex_);
    request = prefix_ + std::to_string(next_request_++);
    waiting_[request] = Waiting{done, std::chrono::steady_clock::now()};
  }
  nlohmann::ordered_json body{{"request", request}, {"action", action}, {"alert", alert},
                              {"actor", actor},     {"to", to},         {"reason", reason}};
  engine::RawInput input;
  input.receive_time = clock_.now();
  input.source = operator_source_;
  input.bytes = to_text(body);
  if (!submit_(std::move(input))) {
    {
      std::lock_guard lock(mutex_);
      waiting_.erase(request);
    }
    done(Error{"engine_busy", "the engine queue is full; the action was not taken"});
  }
}

void OperatorDesk::complete(const engine::OperatorOutcome& outcome) {
  Done done;
  {
    std::lock_guard lock(mutex_);
    const auto found = waiting_.find(outcome.request);
    if (found == waiting_.end()) return;  // a replayed action, or one that timed out
    done = std::move(found->second.done);
    waiting_.erase(found);
  }
  done(outcome.status);
}

void OperatorDesk::expire(std::chrono::milliseconds timeout) {
  std::vector<Done> expired;
  {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    for (auto entry = waiting_.begin(); entry != waiting_.end();) {
      if (now - entry->second.since > timeout) {
        expired.push_back(std::move(entry->second.done));
        entry = waiting_.erase(entry);
      } else {
        ++entry;
      }
    }
  }
  for (Done& done : expired) {
    done(Error{"timeout", "the engine did not apply the action in time; it may still apply"});
  }
}

}  // namespace sw::server
