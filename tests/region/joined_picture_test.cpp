// The gateway's joined picture: newest version wins whichever region says it, and a
// message stored twice (or a restarted region saying other things) is counted.

#include <gtest/gtest.h>

#include "region/joined_picture.h"
#include "region/region_wire.h"

namespace sw::region {
namespace {

track::FusedTrack at(std::uint64_t id, TimeNs time, std::uint32_t updates) {
  track::FusedTrack track;
  track.id = id;
  track.time = time;
  track.updates = updates;
  track.position = {51.0, 1.5};
  return track;
}

TEST(JoinedPicture, NewestVersionWinsAcrossRegions) {
  JoinedPicture picture;
  EXPECT_TRUE(picture.apply("mid", at(7, 1000, 3), output_message_id("mid", 10, 0)));
  EXPECT_TRUE(picture.apply("uk", at(7, 2000, 1), output_message_id("uk", 11, 0)));
  EXPECT_FALSE(picture.apply("mid", at(7, 1500, 9), output_message_id("mid", 12, 0)));
  EXPECT_EQ(picture.region_of(7), "uk");
  EXPECT_EQ(picture.stats().applied, 2U);
  EXPECT_EQ(picture.stats().stale, 1U);
  EXPECT_EQ(picture.stats().regions_changed, 1U);
  track::FusedTrack lost = at(7, 3000, 1);
  lost.status = track::PictureStatus::kLost;
  EXPECT_TRUE(picture.apply("uk", lost));
  EXPECT_TRUE(picture.current().empty());
}

TEST(JoinedPicture, AMessageNotPastTheLastOfItsRegionIsARepeat) {
  JoinedPicture picture;
  EXPECT_TRUE(picture.apply("mid", at(1, 1000, 1), output_message_id("mid", 10, 1)));
  EXPECT_FALSE(picture.apply("mid", at(2, 1000, 1), output_message_id("mid", 10, 1)));
  EXPECT_FALSE(picture.apply("mid", at(3, 1000, 1), output_message_id("mid", 9, 5)));
  EXPECT_TRUE(picture.apply("uk", at(4, 1000, 1), output_message_id("uk", 9, 5)));
  EXPECT_TRUE(picture.apply("mid", at(5, 1000, 1), output_message_id("mid", 10, 2)));
  EXPECT_EQ(picture.stats().repeats, 2U);
}

TEST(RegionWire, MessageIdsRoundTripAndOtherFormsAreNotIds) {
  EXPECT_EQ(output_message_id("fr", 12, 3), "fr:12:3");
  const auto parsed = parse_output_message_id("fr:12:3");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, std::make_pair(std::uint64_t{12}, std::uint64_t{3}));
  for (const char* other : {"", "fr", "fr:12", "fr:c:12", "fr:m:7", "fr:12:", "fr:-1:2", ":1:x"}) {
    EXPECT_FALSE(parse_output_message_id(other)) << other;
  }
}

TEST(RegionWire, ATrackSurvivesTheWireAndBadBytesAreRefused) {
  RegionMessage message{"fr", "mid", at(3'000'000'017, 1'723'701'600'000'000'000, 12)};
  message.track.label.owner = "FR/CROSS-GN";
  message.track.label.releasable_to = {"UK"};
  Result<RegionMessage> back = parse_region_payload(region_payload(message));
  ASSERT_TRUE(back) << back.error().detail;
  EXPECT_EQ(back->from, "fr");
  EXPECT_EQ(back->to, "mid");
  EXPECT_EQ(back->track.id, message.track.id);
  EXPECT_EQ(back->track.time, message.track.time);
  EXPECT_EQ(back->track.label, message.track.label);
  for (const char* bad : {"", "[]", "{\"from\":\"fr\"}",
                          "{\"from\":\"f r\",\"to\":\"\",\"label\":{},"
                          "\"track\":{}}"}) {
    Result<RegionMessage> refused = parse_region_payload(bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, "region_message");
  }
}

}  // namespace
}  // namespace sw::region
