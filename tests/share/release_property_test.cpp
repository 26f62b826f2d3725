// The release policy against an independent reference of its rules, over 1,000,000 random
// (label, recipient, path, purpose) cases drawn from vocabularies small enough that owners,
// nations, agencies and names meet often: no release the rules forbid, no refusal they
// allow, and the same reason for every refusal. Every path asks the one function, so the
// path is part of the case only to show the answer does not depend on it (the server tests
// check that each path really asks it: tests/server/release_paths_test.cpp).

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "share/release.h"

namespace sw::share {
namespace {

/// The rules of release.h written again from their text, as sets: who a label reaches.
Decision reference_decision(const Label& label, const Recipient& who) {
  if ((label.purposes & who.purposes) == 0) return Decision::kPurpose;
  if (label.personal_data && !who.personal_data) return Decision::kPersonalData;
  if (static_cast<int>(label.sensitivity) > static_cast<int>(who.max_sensitivity)) {
    return Decision::kSensitivity;
  }
  if (label.sensitivity == Sensitivity::kClear) return Decision::kReleased;
  const std::set<std::string> named(label.releasable_to.begin(), label.releasable_to.end());
  const bool named_by_name = named.count(who.name) > 0;
  const bool named_at_all = named_by_name || named.count("*") > 0 || named.count(who.nation) > 0 ||
                            named.count(who.agency) > 0;
  std::vector<std::string> owners;
  std::istringstream parts(label.owner);
  for (std::string owner; std::getline(parts, owner, '+');) {
    if (!owner.empty()) owners.push_back(owner);
  }
  if (label.sensitivity == Sensitivity::kRed) {
    // Only the owning agency itself, and recipients named by name.
    if (named_by_name) return Decision::kReleased;
    if (owners.empty()) return Decision::kRed;
    for (const std::string& owner : owners) {
      if (owner != who.agency) return Decision::kRed;
    }
    return Decision::kReleased;
  }
  for (const std::string& owner : owners) {
    const std::string nation = owner.substr(0, owner.find('/'));
    const bool own_side = owner == who.agency || nation == who.nation;
    if (!own_side && !named_at_all) return Decision::kNotReleasable;
  }
  return Decision::kReleased;
}

template <typename T, std::size_t N>
const T& pick(std::mt19937_64& random, const std::array<T, N>& items) {
  return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(random)];
}

const std::array<std::string, 12> kOwners{"UK/HMCG",
                                          "FR/CROSS-GN",
                                          "FR/DOUANE",
                                          "EU/FRONTEX",
                                          "BE/MRCC",
                                          "UK/BORDER",
                                          "UK",
                                          "",
                                          "UK/HMCG+FR/CROSS-GN",
                                          "FR/CROSS-GN+FR/DOUANE",
                                          "+FR/DOUANE+",
                                          "EU/FRONTEX+UK/HMCG+BE/MRCC"};
const std::array<std::string, 12> kReleasableTo{
    "UK",          "FR",         "EU",         "BE", "UK/HMCG",
    "FR/CROSS-GN", "fr-cross-1", "uk-watch-1", "*",  "node:eu-agency",
    "FR/DOUANE",   "eu-analyst"};
const std::array<std::string, 7> kNames{"uk-watch-1", "fr-cross-1",     "fr-douane-1", "be-mrcc-1",
                                        "eu-analyst", "node:eu-agency", "FR"};
const std::array<std::string, 5> kNations{"UK", "FR", "EU", "BE", ""};
const std::array<std::string, 7> kAgencies{"UK/HMCG", "FR/CROSS-GN", "FR/DOUANE", "EU/FRONTEX",
                                           "BE/MRCC", "UK/BORDER",   ""};
/// The ways out of a node; every one asks decide().
const std::array<std::string, 6> kPaths{"api", "stream", "cot", "export", "federation", "cli"};

Label random_label(std::mt19937_64& random) {
  Label label;
  label.owner = pick(random, kOwners);
  const std::size_t count = std::uniform_int_distribution<std::size_t>(0, 3)(random);
  for (std::size_t index = 0; index < count; ++index) {
    label.releasable_to.push_back(pick(random, kReleasableTo));
  }
  label.purposes = static_cast<std::uint8_t>(std::uniform_int_distribution<int>(0, 7)(random));
  label.sensitivity = static_cast<Sensitivity>(std::uniform_int_distribution<int>(0, 3)(random));
  label.personal_data = std::uniform_int_distribution<int>(0, 3)(random) == 0;
  return label;
}

Recipient random_recipient(std::mt19937_64& random) {
  Recipient who;
  who.name = pick(random, kNames);
  who.nation = pick(random, kNations);
  who.agency = pick(random, kAgencies);
  who.purposes = static_cast<std::uint8_t>(std::uniform_int_distribution<int>(0, 7)(random));
  who.personal_data = std::uniform_int_distribution<int>(0, 1)(random) == 1;
  // Users have no cap; partner nodes' policies may set one.
  if (std::uniform_int_distribution<int>(0, 2)(random) == 0) {
    who.max_sensitivity =
        static_cast<Sensitivity>(std::uniform_int_distribution<int>(0, 2)(random));
  }
  return who;
}

TEST(ReleaseProperty, AMillionRandomCasesAgreeWithTheReferenceRules) {
  constexpr std::uint64_t kSeed = 20261124;  // recorded: the cases are the same every run
  constexpr int kCases = 1'000'000;
  std::mt19937_64 random(kSeed);
  int forbidden_released = 0;
  int allowed_refused = 0;
  int other_reason = 0;
  std::array<int, 6> by_decision{};
  for (int index = 0; index < kCases; ++index) {
    const Label label = random_label(random);
    const Recipient who = random_recipient(random);
    const std::string& path = pick(random, kPaths);
    const Decision expected = reference_decision(label, who);
    const Decision actual = decide(label, who);
    ++by_decision[static_cast<std::size_t>(actual)];
    if (actual == expected) continue;
    if (actual == Decision::kReleased) {
      ++forbidden_released;
    } else if (expected == Decision::kReleased) {
      ++allowed_refused;
    } else {
      ++other_reason;
    }
    if (forbidden_released + allowed_refused + other_reason <= 5) {
      ADD_FAILURE() << "case " << index << " (path " << path << "): owner '" << label.owner
                    << "' sensitivity " << to_string(label.sensitivity) << " purposes "
                    << int{label.purposes} << " to " << who.name << " " << who.nation << " "
                    << who.agency << ": decide " << to_string(actual) << ", reference "
                    << to_string(expected);
    }
  }
  EXPECT_EQ(forbidden_released, 0);
  EXPECT_EQ(allowed_refused, 0);
  EXPECT_EQ(other_reason, 0);
  // The cases reach every answer, each often enough to mean something.
  for (std::size_t decision = 0; decision < by_decision.size(); ++decision) {
    EXPECT_GT(by_decision[decision], kCases / 100)
        << to_string(static_cast<Decision>(decision)) << " too rare among the cases";
  }
  std::printf(
      "release property: %d cases (seed %llu): released %d, purpose %d, "
      "not_releasable %d, tlp_red %d, personal_data %d, sensitivity %d\n",
      kCases, static_cast<unsigned long long>(kSeed), by_decision[0], by_decision[1],
      by_decision[2], by_decision[3], by_decision[4], by_decision[5]);
}

}  // namespace
}  // namespace sw::share
