#pragma once
/// How a Label is stored in six columns (label_owner, label_releasable_to, label_purposes,
/// label_sensitivity, label_personal_data, label_retention_s). releasable_to is one text:
/// each entry followed by ',' with '\' and ',' inside entries escaped by '\'.

#include <string>
#include <string_view>
#include <vector>

#include "core/label.h"
#include "store/sqlite/sqlite_handle.h"

namespace sw::store {

inline constexpr int kLabelColumnCount = 6;
/// Longest retention kept (100 years); longer ones are stored as this.
inline constexpr std::int64_t kMaxRetentionSeconds = 100LL * 365 * 86400;

std::string encode_releasable_to(const std::vector<std::string>& entries);
std::vector<std::string> decode_releasable_to(std::string_view text);

/// Binds the six label columns at parameters first_index .. first_index + 5. Negative
/// retentions are stored as 0 (node default), longer than kMaxRetentionSeconds as that.
void bind_label(Statement& statement, int first_index, const Label& label);
/// Reads the six label columns from first_column on. An unknown sensitivity reads as
/// kRed (the most restrictive).
Label read_label(const Statement& statement, int first_column);

}  // namespace sw::store
