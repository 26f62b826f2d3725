#include "ingest/asterix/record_encode.h"

namespace sw::asterix {

std::vector<std::uint8_t>& RecordBuilder::item(std::uint8_t frn) {
  auto& buffer = items_[frn - 1U];
  buffer.clear();
  present_[frn - 1U] = true;
  return buffer;
}

void RecordBuilder::add_raw(const RawItem& raw) {
  if (raw.frn == 0 || raw.frn > uap_.size() || present_[raw.frn - 1U]) return;
  if (uap_[raw.frn - 1U].format == ItemFormat::kUndefined) return;
  item(raw.frn) = raw.bytes;
}

void RecordBuilder::append_to(std::vector<std::uint8_t>& out) const {
  std::size_t last_frn = 0;
  for (std::size_t frn_idx = 0; frn_idx < kMaxFrn; ++frn_idx) {
    if (present_[frn_idx]) last_frn = frn_idx + 1;
  }
  const std::size_t fspec_octets = last_frn == 0 ? 1 : (last_frn + 6) / 7;
  for (std::size_t octet_idx = 0; octet_idx < fspec_octets; ++octet_idx) {
    std::uint8_t octet = octet_idx + 1 < fspec_octets ? 0x01 : 0x00;
    for (unsigned bit_idx = 0; bit_idx < 7; ++bit_idx) {
      const std::size_t frn_idx = octet_idx * 7 + bit_idx;
      if (frn_idx < kMaxFrn && present_[frn_idx]) {
        octet = static_cast<std::uint8_t>(octet | (0x80U >> bit_idx));
      }
    }
    out.push_back(octet);
  }
  for (std::size_t frn_idx = 0; frn_idx < kMaxFrn; ++frn_idx) {
    if (present_[frn_idx]) out.insert(out.end(), items_[frn_idx].begin(), items_[frn_idx].end());
  }
}

}  // namespace sw::asterix
