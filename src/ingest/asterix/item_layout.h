#pragma once
/// Item layouts of a category's User Application Profile (UAP) and the generic walk over a
/// record: FSPEC, then each present item's length from its format (fixed, extended,
/// repetitive, explicit, compound), so unmodelled items are skipped exactly.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "ingest/asterix/decoder.h"

namespace sw::asterix {

/// How an item's length is found (ASTERIX Part 1, section 4.3).
enum class ItemFormat : std::uint8_t {
  kUndefined,   ///< spare UAP slot: its presence cannot be decoded
  kFixed,       ///< `size` octets
  kExtended,    ///< octets of `size` until one with FX (bit 1) clear
  kRepetitive,  ///< one octet REP, then REP elements of `size` octets
  kExplicit,    ///< one octet LEN counting itself, then LEN - 1 octets
  kCompound,    ///< FX-extended presence octets, then present subfields of fixed size
};

/// Layout of one UAP item; for a compound item, the fixed sizes of its subfields in
/// presence-bit order (0 = spare bit).
struct ItemLayout {
  ItemFormat format = ItemFormat::kUndefined;
  std::uint8_t size = 0;
  std::array<std::uint8_t, 7> subfield_sizes{};
};

/// Most field reference numbers of a supported category (CAT010 uses 28).
constexpr std::size_t kMaxFrn = 28;

/// A UAP: layouts indexed by FRN - 1.
template <std::size_t kItems>
using Uap = std::array<ItemLayout, kItems>;

/// Length of what was read (an item, a record), or the reason it cannot be read.
struct ReadLength {
  std::size_t length = 0;
  std::optional<Reason> failure;
};
ReadLength item_length(const ItemLayout& layout, std::span<const std::uint8_t> data);

/// The FRNs present in a record's FSPEC, in order, and the FSPEC's length.
struct Fspec {
  std::array<std::uint8_t, kMaxFrn> frns{};
  std::size_t frn_count = 0;
  std::size_t length = 0;
  std::optional<Reason> failure;
};
/// Read the FSPEC at the start of `data` for a UAP of `item_count` items: kFspecOverrun if
/// it runs past the end, kUndefinedItem for a bit beyond the UAP, kEmptyRecord if none set.
Fspec read_fspec(std::span<const std::uint8_t> data, std::size_t item_count);

/// Walk one record at the start of `data`: on_item(frn, item_bytes) for each item present.
/// Returns the record's length, or the reason it cannot be read (items reported before
/// the fault stay reported; for kEmptyRecord the length is the FSPEC's).
template <std::size_t kItems, typename OnItem>
ReadLength walk_record(std::span<const std::uint8_t> data, const Uap<kItems>& uap,
                       OnItem&& on_item) {
  const Fspec fspec = read_fspec(data, kItems);
  if (fspec.failure) return {fspec.length, fspec.failure};
  std::size_t offset = fspec.length;
  for (std::size_t present_idx = 0; present_idx < fspec.frn_count; ++present_idx) {
    const std::uint8_t frn = fspec.frns[present_idx];
    const ReadLength item = item_length(uap[frn - 1U], data.subspan(offset));
    if (item.failure) return {0, item.failure};
    on_item(frn, data.subspan(offset, item.length));
    offset += item.length;
  }
  return {offset, std::nullopt};
}

/// CAT010 edition 1.1 UAP (28 items).
const Uap<28>& cat010_uap();
/// CAT034 edition 1.27 UAP (14 items).
const Uap<14>& cat034_uap();

}  // namespace sw::asterix
