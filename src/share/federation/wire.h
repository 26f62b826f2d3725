#pragma once
/// Pieces of the NATS wire shared by federation and the regions: the names that go into
/// subjects, a label as it crosses, and a NATS status as the project's Error.

#include <optional>
#include <string>
#include <string_view>

#include <nats/nats.h>
#include <nlohmann/json.hpp>

#include "core/label.h"
#include "core/result.h"

namespace sw::share {

/// True for a name that may stand as one subject token (a node, region or source id):
/// 1 to 64 of [A-Za-z0-9_-].
bool valid_subject_token(std::string_view text);

Error nats_error(const std::string& what, natsStatus status);

/// A label as compact JSON (purposes as bits, sensitivity as a number).
nlohmann::ordered_json label_wire(const Label& label);
/// The label back; none when the JSON is not a well-formed label.
std::optional<Label> label_from_wire(const nlohmann::ordered_json& json);

}  // namespace sw::share
