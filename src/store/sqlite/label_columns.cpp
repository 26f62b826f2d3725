#include "store/sqlite/label_columns.h"

namespace sw::store {

void bind_label(Statement& statement, int first_index, const Label& label) {
  statement.bind(first_index, std::string_view(label.owner));
  statement.bind(first_index + 1, std::string_view(encode_releasable_to(label.releasable_to)));
  statement.bind(first_index + 2, static_cast<std::int64_t>(label.purposes));
  statement.bind(first_index + 3, static_cast<std::int64_t>(label.sensitivity));
  statement.bind(first_index + 4, static_cast<std::int64_t>(label.personal_data ? 1 : 0));
  statement.bind(first_index + 5, stored_retention(label.retention_s));
}

}  // namespace sw::store
