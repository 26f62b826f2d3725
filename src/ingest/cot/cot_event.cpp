#include "ingest/cot/cot_event.h"

namespace sw::cot {
namespace {

/// True when `pos` is the end of a type field: end of text, '-' or the ';' of the
/// optional trailing component.
bool field_ends_at(const std::string& type, std::size_t pos) {
  return pos == type.size() || type[pos] == '-' || type[pos] == ';';
}

}  // namespace

char affiliation(const std::string& type) {
  if (type.size() < 3 || type[0] != 'a' || type[1] != '-' || !field_ends_at(type, 3)) return 0;
  return type[2] == ';' ? 0 : type[2];
}

char battle_dimension(const std::string& type) {
  if (affiliation(type) == 0 || type.size() < 5 || type[3] != '-' || !field_ends_at(type, 5)) {
    return 0;
  }
  return type[4] == ';' || type[4] == '-' ? 0 : type[4];
}

}  // namespace sw::cot
