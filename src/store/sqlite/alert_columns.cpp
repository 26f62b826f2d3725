#include "store/sqlite/alert_columns.h"

#include "store/sqlite/label_columns.h"

namespace sw::store {

void bind_alert(Statement& statement, const AlertRecord& alert) {
  statement.bind(1, static_cast<std::int64_t>(alert.alert_id));
  statement.bind(2, static_cast<std::int64_t>(alert.revision));
  statement.bind(3, static_cast<std::int64_t>(alert.time));
  statement.bind(4, std::string_view(alert.kind));
  statement.bind(5, std::string_view(alert.state));
  statement.bind(6, static_cast<std::int64_t>(alert.severity));
  statement.bind(7, std::string_view(alert.change));
  statement.bind(8, std::string_view(alert.actor));
  statement.bind(9, std::string_view(alert.region));
  statement.bind(10, alert.position.lat);
  statement.bind(11, alert.position.lon);
  statement.bind(12, std::string_view(encode_subjects(alert.subjects)));
  statement.bind(13, std::string_view(alert.body_json));
  bind_label(statement, 14, alert.label);
}

}  // namespace sw::store
