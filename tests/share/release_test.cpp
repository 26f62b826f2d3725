// The release policy: purpose binding, personal data, TLP CLEAR and RED, the owner's
// nation and agency, and releasable-to by nation, agency, name and "*".

#include "share/release.h"

#include <gtest/gtest.h>

#include <ostream>

#include "risk/alert.h"

namespace sw::share {

/// Failure messages name the decision.
void PrintTo(Decision decision, std::ostream* out) { *out << to_string(decision); }

namespace {

Recipient recipient(const std::string& name, const std::string& nation, const std::string& agency,
                    std::uint8_t purposes = kPurposeSearchAndRescue, bool personal_data = false) {
  Recipient who;
  who.name = name;
  who.nation = nation;
  who.agency = agency;
  who.purposes = purposes;
  who.personal_data = personal_data;
  return who;
}

Label label(const std::string& owner, std::vector<std::string> releasable_to = {},
            Sensitivity sensitivity = Sensitivity::kGreen,
            std::uint8_t purposes = kPurposeSearchAndRescue, bool personal_data = false) {
  Label item;
  item.owner = owner;
  item.releasable_to = std::move(releasable_to);
  item.sensitivity = sensitivity;
  item.purposes = purposes;
  item.personal_data = personal_data;
  return item;
}

const Recipient kCrossGn = recipient("fr-cross-1", "FR", "FR/CROSS-GN");
const Recipient kDouane = recipient("fr-douane-1", "FR", "FR/DOUANE");
const Recipient kHmcg = recipient("uk-watch-1", "UK", "UK/HMCG");
const Recipient kBelgium = recipient("be-mrcc-1", "BE", "BE/MRCC");

TEST(ReleaseTest, OwnerNationIsTheTextBeforeTheSlash) {
  EXPECT_EQ(owner_nation("FR/CROSS-GN"), "FR");
  EXPECT_EQ(owner_nation("UK/HMCG/DOVER"), "UK");
  EXPECT_EQ(owner_nation("EU"), "EU");
  EXPECT_EQ(owner_nation(""), "");
}

TEST(ReleaseTest, PurposesOfLabelAndRecipientMustMeet) {
  const Label border_only = label("FR/CROSS-GN", {}, Sensitivity::kGreen, kPurposeBorderMonitoring);
  EXPECT_EQ(decide(border_only, kCrossGn), Decision::kPurpose);  // even the owning agency
  const Recipient both = recipient("fr-cross-2", "FR", "FR/CROSS-GN",
                                   kPurposeSearchAndRescue | kPurposeBorderMonitoring);
  EXPECT_EQ(decide(border_only, both), Decision::kReleased);
  const Recipient none = recipient("fr-cross-3", "FR", "FR/CROSS-GN", 0);
  EXPECT_EQ(decide(label("FR/CROSS-GN"), none), Decision::kPurpose);
  // A label with any of several purposes meets a recipient with one of them.
  const Label sar_or_law = label("FR/CROSS-GN", {}, Sensitivity::kGreen,
                                 kPurposeSearchAndRescue | kPurposeLawEnforcement);
  EXPECT_EQ(decide(sar_or_law, kDouane), Decision::kReleased);
}

TEST(ReleaseTest, PersonalDataOnlyToRecipientsAllowedIt) {
  const Label personal = label("FR/CROSS-GN", {"*"}, Sensitivity::kGreen, kPurposeSearchAndRescue,
                               /*personal_data=*/true);
  EXPECT_EQ(decide(personal, kCrossGn), Decision::kPersonalData);  // even the owner
  Recipient allowed = kCrossGn;
  allowed.personal_data = true;
  EXPECT_EQ(decide(personal, allowed), Decision::kReleased);
  // TLP:CLEAR does not lift it.
  Label clear = personal;
  clear.sensitivity = Sensitivity::kClear;
  EXPECT_EQ(decide(clear, kBelgium), Decision::kPersonalData);
  // Purpose is checked first: the reason names what would have to change first.
  Label wrong_purpose = personal;
  wrong_purpose.purposes = kPurposeLawEnforcement;
  EXPECT_EQ(decide(wrong_purpose, kCrossGn), Decision::kPurpose);
}

TEST(ReleaseTest, ClearGoesToAnyoneWithAMatchingPurpose) {
  const Label clear = label("FR/CROSS-GN", {}, Sensitivity::kClear);
  EXPECT_EQ(decide(clear, kBelgium), Decision::kReleased);
  EXPECT_EQ(decide(clear, kHmcg), Decision::kReleased);
  EXPECT_EQ(decide(clear, recipient("anyone", "", "")), Decision::kReleased);
  const Recipient border = recipient("be-border", "BE", "BE/POLICE", kPurposeBorderMonitoring);
  EXPECT_EQ(decide(clear, border), Decision::kPurpose);
}

TEST(ReleaseTest, RedGoesOnlyToTheOwningAgencyAndRecipientsNamedByName) {
  const Label red = label("FR/CROSS-GN", {}, Sensitivity::kRed);
  EXPECT_EQ(decide(red, kCrossGn), Decision::kReleased);
  EXPECT_EQ(decide(red, kDouane), Decision::kRed);  // same nation, other agency
  EXPECT_EQ(decide(red, kHmcg), Decision::kRed);

  // Nations, agencies and "*" in releasable-to do not open TLP:RED...
  const Label red_broad =
      label("FR/CROSS-GN", {"FR", "UK", "FR/DOUANE", "UK/HMCG", "*"}, Sensitivity::kRed);
  EXPECT_EQ(decide(red_broad, kDouane), Decision::kRed);
  EXPECT_EQ(decide(red_broad, kHmcg), Decision::kRed);
  EXPECT_EQ(decide(red_broad, kBelgium), Decision::kRed);
  // ... a recipient's own name does.
  const Label red_named = label("FR/CROSS-GN", {"uk-watch-1"}, Sensitivity::kRed);
  EXPECT_EQ(decide(red_named, kHmcg), Decision::kReleased);
  EXPECT_EQ(decide(red_named, recipient("uk-watch-2", "UK", "UK/HMCG")), Decision::kRed);
  // An unowned TLP:RED item goes to nobody but those named.
  EXPECT_EQ(decide(label("", {}, Sensitivity::kRed), kCrossGn), Decision::kRed);
}

TEST(ReleaseTest, GreenAndAmberGoToTheOwnersNationAndAgency) {
  for (const Sensitivity sensitivity : {Sensitivity::kGreen, Sensitivity::kAmber}) {
    SCOPED_TRACE(to_string(sensitivity));
    const Label owned = label("FR/CROSS-GN", {}, sensitivity);
    EXPECT_EQ(decide(owned, kCrossGn), Decision::kReleased);
    EXPECT_EQ(decide(owned, kDouane), Decision::kReleased);  // same nation
    EXPECT_EQ(decide(owned, kHmcg), Decision::kNotReleasable);
    EXPECT_EQ(decide(owned, kBelgium), Decision::kNotReleasable);
    // An owner given as a nation alone.
    EXPECT_EQ(decide(label("UK", {}, sensitivity), kHmcg), Decision::kReleased);
    EXPECT_EQ(decide(label("UK", {}, sensitivity), kCrossGn), Decision::kNotReleasable);
    // A nation that merely starts like the owner's is another nation.
    EXPECT_EQ(decide(label("FRX/COAST", {}, sensitivity), kCrossGn), Decision::kNotReleasable);
  }
  // An unowned item (e.g. a public AIS feed) is anyone's.
  EXPECT_EQ(decide(label(""), kBelgium), Decision::kReleased);
}

TEST(ReleaseTest, ReleasableToByNationAgencyNameOrStar) {
  const Label to_uk = label("FR/CROSS-GN", {"UK"});
  EXPECT_EQ(decide(to_uk, kHmcg), Decision::kReleased);
  EXPECT_EQ(decide(to_uk, kBelgium), Decision::kNotReleasable);

  const Label to_hmcg = label("FR/CROSS-GN", {"UK/HMCG"});
  EXPECT_EQ(decide(to_hmcg, kHmcg), Decision::kReleased);
  EXPECT_EQ(decide(to_hmcg, recipient("uk-nca-1", "UK", "UK/NCA")), Decision::kNotReleasable);

  const Label to_name = label("FR/CROSS-GN", {"be-mrcc-1"});
  EXPECT_EQ(decide(to_name, kBelgium), Decision::kReleased);
  EXPECT_EQ(decide(to_name, recipient("be-mrcc-2", "BE", "BE/MRCC")), Decision::kNotReleasable);

  const Label to_all = label("FR/CROSS-GN", {"*"});
  EXPECT_EQ(decide(to_all, kBelgium), Decision::kReleased);
  EXPECT_EQ(decide(to_all, kHmcg), Decision::kReleased);
  // "*" opens the nation rule, not the purpose or personal-data rules.
  EXPECT_EQ(
      decide(label("FR/CROSS-GN", {"*"}, Sensitivity::kAmber, kPurposeLawEnforcement), kBelgium),
      Decision::kPurpose);
  // An entry matches whole names only.
  EXPECT_EQ(decide(label("FR/CROSS-GN", {"U"}), kHmcg), Decision::kNotReleasable);
  EXPECT_EQ(decide(label("FR/CROSS-GN", {"UK/HMC"}), kHmcg), Decision::kNotReleasable);
}

TEST(ReleaseTest, MayReleaseIsDecideReleased) {
  EXPECT_TRUE(may_release(label("FR/CROSS-GN"), kDouane));
  EXPECT_FALSE(may_release(label("FR/CROSS-GN"), kHmcg));
  EXPECT_STREQ(to_string(Decision::kReleased), "released");
  EXPECT_STREQ(to_string(Decision::kPurpose), "purpose");
  EXPECT_STREQ(to_string(Decision::kNotReleasable), "not_releasable");
  EXPECT_STREQ(to_string(Decision::kRed), "tlp_red");
  EXPECT_STREQ(to_string(Decision::kPersonalData), "personal_data");
}

// An alert derived from a UK and a French track carries risk::combine_labels of both
// ("UK/HMCG+FR/CROSS-GN"). Being the most restrictive combination, it must go nowhere either
// input would not go, and the order the inputs were combined in must not matter.
// Regression (was a bug): share::decide reads a '+'-joined owner as one owner, so owner_nation()
// gives the first owner's nation: the UK receives French data the French label does not release to
// it, and the French owner does not receive the alert about its own track.
TEST(ReleaseTest, CombinedOwnersReleaseNoWiderThanEachInput) {
  const Label uk = label("UK/HMCG");
  const Label fr = label("FR/CROSS-GN");
  const Label uk_fr = risk::combine_labels(uk, fr);
  const Label fr_uk = risk::combine_labels(fr, uk);
  for (const Recipient& who : {kHmcg, kCrossGn, kDouane, kBelgium}) {
    SCOPED_TRACE(who.name);
    EXPECT_EQ(decide(uk_fr, who), decide(fr_uk, who));
    if (may_release(uk_fr, who)) {
      EXPECT_TRUE(may_release(uk, who) && may_release(fr, who));
    }
  }
  // Released to both nations by both owners: both see the combined item.
  const Label uk_shared = label("UK/HMCG", {"FR", "UK"});
  const Label fr_shared = label("FR/CROSS-GN", {"FR", "UK"});
  const Label shared = risk::combine_labels(uk_shared, fr_shared);
  EXPECT_TRUE(may_release(shared, kHmcg));
  EXPECT_TRUE(may_release(shared, kCrossGn));
}

TEST(ReleaseTest, APartnerCappedAtAmberGetsNothingRed) {
  Recipient partner = recipient("node:fr-node", "FR", "FR/CROSS-GN");
  partner.max_sensitivity = Sensitivity::kAmber;
  EXPECT_EQ(decide(label("UK/HMCG", {"FR"}, Sensitivity::kAmber), partner), Decision::kReleased);
  EXPECT_EQ(decide(label("UK/HMCG", {"node:fr-node"}, Sensitivity::kRed), partner),
            Decision::kSensitivity);  // named by name, yet above the partner's cap
  EXPECT_EQ(decide(label("FR/CROSS-GN", {}, Sensitivity::kRed), partner), Decision::kSensitivity);
  partner.max_sensitivity = Sensitivity::kClear;
  EXPECT_EQ(decide(label("UK/HMCG", {"*"}, Sensitivity::kGreen), partner), Decision::kSensitivity);
  EXPECT_EQ(decide(label("UK/HMCG", {}, Sensitivity::kClear), partner), Decision::kReleased);
}

}  // namespace
}  // namespace sw::share
