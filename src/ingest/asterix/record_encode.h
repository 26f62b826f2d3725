#pragma once
/// Building one record: items collected by FRN, then the FSPEC and the items in UAP order.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "ingest/asterix/common.h"
#include "ingest/asterix/item_layout.h"

namespace sw::asterix {

/// Items of one record being encoded, keyed by FRN.
class RecordBuilder {
 public:
  /// A record of a category with this UAP (at most kMaxFrn items).
  explicit RecordBuilder(std::span<const ItemLayout> uap) : uap_(uap) {}

  /// The buffer of item `frn` (1-based), emptied and marked present.
  std::vector<std::uint8_t>& item(std::uint8_t frn);
  /// Add `raw` unless its FRN is out of the UAP, a spare slot, or already present.
  void add_raw(const RawItem& raw);
  /// Append FSPEC and items to `out`.
  void append_to(std::vector<std::uint8_t>& out) const;

 private:
  std::span<const ItemLayout> uap_;
  std::array<std::vector<std::uint8_t>, kMaxFrn> items_;
  std::array<bool, kMaxFrn> present_{};
};

}  // namespace sw::asterix
