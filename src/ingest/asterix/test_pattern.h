#pragma once
/// A fixed set of CAT010 and CAT034 records that together use every item of both UAPs
/// (modelled items with edge values; the others as raw items), for conformance runs
/// against other decoders, fuzz seeds and demos. Deterministic.

#include <vector>

#include "ingest/asterix/cat010.h"
#include "ingest/asterix/cat034.h"

namespace sw::asterix {

/// Radar site the pattern's records come from: SAC 1, SIC 2, at Dover (51.1279 N,
/// 1.3134 E).
DataSourceId test_pattern_source();
LatLon test_pattern_site();

/// CAT010 plots and tracks about the site; times of day from 43200 s (noon) on, with one
/// record at 86399.9921875 s (just before midnight).
std::vector<Cat010Record> cat010_test_pattern();

/// CAT034 north markers and sector crossings, with the status items as raw items.
std::vector<Cat034Record> cat034_test_pattern();

}  // namespace sw::asterix
