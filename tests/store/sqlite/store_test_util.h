#pragma once
/// Helpers for the SQLite store tests: building track updates and opening a store in a
/// temporary directory.

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>

#include "../temp_directory.h"
#include "store/sqlite/sqlite_store.h"

namespace sw::store::testing {

inline constexpr TimeNs kT0 = 1'700'000'000 * kNsPerSecond;

inline TrackUpdate make_update(std::uint64_t track_id, TimeNs time, double lat, double lon,
                               TrackStatus status = TrackStatus::kConfirmed) {
  TrackUpdate update;
  update.track_id = track_id;
  update.time = time;
  update.position = {lat, lon};
  update.velocity = {1.5, -0.25};
  update.covariance = {100.0, 5.0, 80.0};
  update.status = status;
  update.track_class = TrackClass::kDark;
  update.label.owner = "FR/CROSS-GN";
  update.label.releasable_to = {"UK/MRCC-DOVER"};
  return update;
}

inline std::unique_ptr<SqliteStore> open_store(const std::string& path,
                                               SqliteStoreOptions options = {}) {
  auto store = SqliteStore::open(path, options);
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().code + ": " + store.error().detail);
  return store.ok() ? std::move(*store) : nullptr;
}

inline std::string dump(HistoryStore& store) {
  std::ostringstream out;
  EXPECT_TRUE(store.dump_canonical(out).ok());
  return out.str();
}

}  // namespace sw::store::testing
