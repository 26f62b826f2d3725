// The alert lifecycle: confirmation, merging, escalation and re-raise, hysteresis in
// severity, closing when the situation clears, operator actions, lost subjects.

#include <gtest/gtest.h>

#include "risk/alert_book.h"
#include "risk/risk_geography.h"
#include "sim/geography.h"
#include "split_geography.h"

namespace sw::risk {
namespace {

constexpr TimeNs kSecond = kNsPerSecond;

Finding collision(Severity severity, LatLon position = {51.0, 1.4}) {
  Finding finding;
  finding.kind = AlertKind::kCollision;
  finding.subjects = {7, 3};
  finding.severity = severity;
  finding.position = position;
  return finding;
}

class AlertBookTest : public ::testing::Test {
 protected:
  void evaluate(TimeNs at, std::vector<Finding> findings) {
    book.apply(std::move(findings), at, {AlertKind::kCollision, AlertKind::kDistress}, geography,
               [this](std::uint64_t id) { return lost.count(id) == 0; });
  }
  std::vector<std::string> changes() {
    std::vector<std::string> names;
    for (const Alert& revision : book.take_revisions()) {
      names.push_back(revision.history.back().change);
    }
    return names;
  }

  RiskGeography geography = split_geography();
  AlertBook book;
  std::set<std::uint64_t> lost;
};

TEST_F(AlertBookTest, RaisesOnlyWhenConfirmedAtTwoEvaluations) {
  evaluate(10 * kSecond, {collision(Severity::kWarning)});
  EXPECT_TRUE(book.open_alerts().empty());
  evaluate(20 * kSecond, {});  // gone: the count starts again
  evaluate(30 * kSecond, {collision(Severity::kWarning)});
  EXPECT_TRUE(book.open_alerts().empty());
  evaluate(40 * kSecond, {collision(Severity::kWarning)});
  ASSERT_EQ(book.open_alerts().size(), 1U);
  const Alert& alert = *book.open_alerts().front();
  EXPECT_EQ(alert.id, 1U);
  EXPECT_EQ(alert.key, "collision:3:7");
  EXPECT_EQ(alert.raised_at, 40 * kSecond);
  EXPECT_EQ(alert.region, "UK");
  EXPECT_EQ(alert.addressed_to, std::vector<std::string>{"MRCC Dover"});
  EXPECT_EQ(changes(), std::vector<std::string>{"raised"});
}

TEST_F(AlertBookTest, CriticalAndImmediateFindingsRaiseAtOnce) {
  evaluate(10 * kSecond, {collision(Severity::kCritical)});
  EXPECT_EQ(book.open_alerts().size(), 1U);
  Finding distress;
  distress.kind = AlertKind::kDistress;
  distress.key_by_subjects = false;
  distress.key_suffix = "R1";
  distress.immediate = true;
  distress.sticky = true;
  distress.severity = Severity::kUrgent;
  distress.position = {51.0, 2.0};
  evaluate(20 * kSecond, {collision(Severity::kCritical), distress});
  ASSERT_EQ(book.open_alerts().size(), 2U);
  EXPECT_EQ(book.open_alerts()[1]->region, "FR");
  EXPECT_EQ(book.open_alerts()[1]->key, "distress#R1");
}

TEST_F(AlertBookTest, DuplicateFindingsAreOneAlert) {
  Finding swapped = collision(Severity::kWarning);
  swapped.subjects = {3, 7};
  for (TimeNs second : {10, 20, 30}) {
    evaluate(second * kSecond, {collision(Severity::kWarning), swapped});
  }
  EXPECT_EQ(book.open_alerts().size(), 1U);
  EXPECT_EQ(book.stats().raised, 1U);
}

TEST_F(AlertBookTest, EscalationReRaisesAnAcknowledgedAlert) {
  evaluate(10 * kSecond, {collision(Severity::kWarning)});
  evaluate(20 * kSecond, {collision(Severity::kWarning)});
  const std::uint64_t id = book.open_alerts().front()->id;
  ASSERT_TRUE(book.acknowledge(id, "officer-dover-1", 25 * kSecond).ok());
  EXPECT_EQ(book.find(id)->state, AlertState::kAcknowledged);
  evaluate(30 * kSecond, {collision(Severity::kWarning)});  // same level: stays acknowledged
  EXPECT_EQ(book.find(id)->state, AlertState::kAcknowledged);
  evaluate(40 * kSecond, {collision(Severity::kUrgent)});
  EXPECT_EQ(book.find(id)->state, AlertState::kOpen);
  EXPECT_EQ(book.find(id)->severity, Severity::kUrgent);
  EXPECT_EQ(book.find(id)->raises, 2U);
  EXPECT_EQ(changes(), (std::vector<std::string>{"raised", "acknowledged", "reraised"}));
  const Alert& alert = *book.find(id);
  EXPECT_EQ(alert.history[1].actor, "officer-dover-1");
  EXPECT_EQ(alert.history[1].time, 25 * kSecond);
}

TEST_F(AlertBookTest, SeverityComesDownOnlyAfterHoldingLower) {
  evaluate(10 * kSecond, {collision(Severity::kUrgent)});
  evaluate(20 * kSecond, {collision(Severity::kUrgent)});
  const std::uint64_t id = book.open_alerts().front()->id;
  // Borderline: urgent and warning alternate; the alert does not flap.
  for (int step = 3; step < 20; ++step) {
    evaluate(step * 10 * kSecond,
             {collision(step % 2 == 0 ? Severity::kUrgent : Severity::kWarning)});
    EXPECT_EQ(book.find(id)->severity, Severity::kUrgent) << step;
  }
  // Warning for longer than clear_after_s (120 s): lowered once.
  for (int step = 20; step <= 34; ++step)
    evaluate(step * 10 * kSecond, {collision(Severity::kWarning)});
  EXPECT_EQ(book.find(id)->severity, Severity::kWarning);
  std::size_t lowered = 0;
  for (const AlertChange& change : book.find(id)->history)
    lowered += change.note == "severity lowered";
  EXPECT_EQ(lowered, 1U);
}

TEST_F(AlertBookTest, ClosesWhenClearedAndReopensTheSameAlertIfItReturns) {
  evaluate(10 * kSecond, {collision(Severity::kWarning)});
  evaluate(20 * kSecond, {collision(Severity::kWarning)});
  const std::uint64_t id = book.open_alerts().front()->id;
  for (int step = 3; step <= 13; ++step) evaluate(step * 10 * kSecond, {});
  EXPECT_NE(book.find(id)->state, AlertState::kClosed);  // 110 s without: still open
  evaluate(140 * kSecond, {});
  EXPECT_EQ(book.find(id)->state, AlertState::kClosed);
  EXPECT_EQ(book.find(id)->history.back().note, "situation cleared");
  evaluate(200 * kSecond, {collision(Severity::kWarning)});  // back within reopen_within_s
  EXPECT_EQ(book.find(id)->state, AlertState::kOpen);
  EXPECT_EQ(book.stats().raised, 1U);
  EXPECT_EQ(book.stats().reraised, 1U);
}

TEST_F(AlertBookTest, ALostSubjectKeepsTheAlertOpenForAnOperator) {
  evaluate(10 * kSecond, {collision(Severity::kWarning)});
  evaluate(20 * kSecond, {collision(Severity::kWarning)});
  const std::uint64_t id = book.open_alerts().front()->id;
  lost.insert(7);
  for (int step = 3; step <= 40; ++step) evaluate(step * 10 * kSecond, {});
  EXPECT_EQ(book.find(id)->state, AlertState::kOpen);
  EXPECT_EQ(changes(), (std::vector<std::string>{"raised", "subject_lost"}));
  ASSERT_TRUE(book.close(id, "officer-gris-nez-2", "boat found", 500 * kSecond).ok());
  EXPECT_EQ(book.find(id)->state, AlertState::kClosed);
  EXPECT_EQ(book.close(id, "x", "again", 510 * kSecond).error().code, "alert_closed");
  EXPECT_EQ(book.acknowledge(99, "x", 510 * kSecond).error().code, "alert_unknown");
}

TEST_F(AlertBookTest, AnOperatorCloseHoldsWhileTheSituationLastsUnlessItEscalates) {
  evaluate(10 * kSecond, {collision(Severity::kWarning)});
  evaluate(20 * kSecond, {collision(Severity::kWarning)});
  const std::uint64_t id = book.open_alerts().front()->id;
  ASSERT_TRUE(book.close(id, "officer", "known fishing boat", 25 * kSecond).ok());
  for (int step = 3; step <= 30; ++step)
    evaluate(step * 10 * kSecond, {collision(Severity::kWarning)});
  EXPECT_EQ(book.find(id)->state, AlertState::kClosed);
  EXPECT_TRUE(book.open_alerts().empty());
  evaluate(310 * kSecond, {collision(Severity::kCritical)});
  EXPECT_EQ(book.find(id)->state, AlertState::kOpen);
  EXPECT_EQ(book.find(id)->history.back().change, "reraised");
}

TEST_F(AlertBookTest, HandOverAddressesTheReceivingCentre) {
  evaluate(10 * kSecond, {collision(Severity::kCritical)});
  const std::uint64_t id = book.open_alerts().front()->id;
  ASSERT_TRUE(book.hand_over(id, "officer-dover-1", "CROSS Gris-Nez", 15 * kSecond).ok());
  const Alert& alert = *book.find(id);
  EXPECT_EQ(alert.state, AlertState::kHandedOver);
  EXPECT_EQ(alert.addressed_to, (std::vector<std::string>{"MRCC Dover", "CROSS Gris-Nez"}));
  EXPECT_EQ(book.hand_over(id, "x", "", 16 * kSecond).error().code, "alert_state");
}

TEST_F(AlertBookTest, RenamedSubjectsMergeDuplicateAlerts) {
  Finding dark = collision(Severity::kCritical);
  dark.subjects = {7, 3};
  Finding ais = collision(Severity::kCritical);
  ais.subjects = {9, 3};
  evaluate(10 * kSecond, {dark, ais});
  ASSERT_EQ(book.open_alerts().size(), 2U);
  book.rename_subject(7, 9, 15 * kSecond);  // the dark contact 7 is AIS vessel 9
  ASSERT_EQ(book.open_alerts().size(), 1U);
  EXPECT_EQ(book.open_alerts().front()->key, "collision:3:9");
  EXPECT_EQ(book.stats().merged, 1U);
}

TEST(CombineLabels, TakesTheMostRestrictive) {
  Label first;
  first.owner = "GB/MRCC";
  first.releasable_to = {"GBR", "FRA"};
  first.purposes = kPurposeSearchAndRescue | kPurposeBorderMonitoring;
  first.sensitivity = Sensitivity::kGreen;
  first.retention_s = 3600;
  Label second;
  second.owner = "FR/CROSS";
  second.releasable_to = {"FRA"};
  second.purposes = kPurposeSearchAndRescue;
  second.sensitivity = Sensitivity::kAmber;
  second.personal_data = true;
  second.retention_s = 600;
  const Label combined = combine_labels(combine_labels(first, second), first);
  EXPECT_EQ(combined.owner, "GB/MRCC+FR/CROSS");
  EXPECT_EQ(combined.releasable_to, std::vector<std::string>{"FRA"});
  EXPECT_EQ(combined.purposes, kPurposeSearchAndRescue);
  EXPECT_EQ(combined.sensitivity, Sensitivity::kAmber);
  EXPECT_TRUE(combined.personal_data);
  EXPECT_EQ(combined.retention_s, 600);
}

}  // namespace
}  // namespace sw::risk
