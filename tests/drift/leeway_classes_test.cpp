#include "drift/leeway_classes.h"

#include <gtest/gtest.h>

#include <set>

namespace sw::drift {
namespace {

const std::string kRepoTable = SW_TEST_DATA_DIR "/../../data/leeway/leeway_classes.csv";

TEST(LeewayClassesTest, BuiltinTableHasAll85ClassesWithUniqueKeys) {
  const auto& classes = builtin_leeway_classes();
  ASSERT_EQ(classes.size(), 85U);
  std::set<std::string> keys;
  for (std::size_t idx = 0; idx < classes.size(); ++idx) {
    EXPECT_EQ(classes[idx].id, static_cast<int>(idx) + 1);
    keys.insert(classes[idx].key);
  }
  EXPECT_EQ(keys.size(), 85U);
}

TEST(LeewayClassesTest, BuiltinTableEqualsRepositoryCsv) {
  auto loaded = load_leeway_classes(kRepoTable);
  ASSERT_TRUE(loaded) << loaded.error().detail;
  const auto& builtin = builtin_leeway_classes();
  ASSERT_EQ(loaded->size(), builtin.size());
  for (std::size_t idx = 0; idx < builtin.size(); ++idx) {
    const LeewayClass& a = builtin[idx];
    const LeewayClass& b = (*loaded)[idx];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.key, b.key);
    const double values_a[] = {a.dw_slope, a.dw_offset, a.dw_std,     a.cwr_slope, a.cwr_offset,
                               a.cwr_std,  a.cwl_slope, a.cwl_offset, a.cwl_std};
    const double values_b[] = {b.dw_slope, b.dw_offset, b.dw_std,     b.cwr_slope, b.cwr_offset,
                               b.cwr_std,  b.cwl_slope, b.cwl_offset, b.cwl_std};
    for (int column = 0; column < 9; ++column) EXPECT_EQ(values_a[column], values_b[column]);
  }
}

TEST(LeewayClassesTest, SpotChecksFromTheUscgTable) {
  const auto& classes = builtin_leeway_classes();
  auto piw = find_leeway_class(classes, "PIW-1");
  ASSERT_TRUE(piw);
  EXPECT_EQ(piw->id, 1);
  EXPECT_DOUBLE_EQ(piw->dw_slope, 0.96);
  EXPECT_DOUBLE_EQ(piw->dw_std, 12.0);
  EXPECT_DOUBLE_EQ(piw->cwr_slope, 0.54);
  EXPECT_DOUBLE_EQ(piw->cwl_slope, -0.54);
  EXPECT_DOUBLE_EQ(piw->cwl_std, 9.4);
  auto raft = find_leeway_class(classes, "26");
  ASSERT_TRUE(raft);
  EXPECT_EQ(raft->key, "LIFE-RAFT-NB-1");
  EXPECT_DOUBLE_EQ(raft->dw_slope, 3.70);
  EXPECT_DOUBLE_EQ(raft->cwr_slope, 1.98);
  auto sldmb = find_leeway_class(classes, "sldmb");
  ASSERT_TRUE(sldmb);
  EXPECT_EQ(sldmb->id, 67);
  EXPECT_EQ(sldmb->dw_slope + sldmb->dw_std + sldmb->cwr_slope + sldmb->cwl_std, 0.0);
}

TEST(LeewayClassesTest, UnknownClassIsAnError) {
  const auto& classes = builtin_leeway_classes();
  EXPECT_FALSE(find_leeway_class(classes, "86"));
  EXPECT_FALSE(find_leeway_class(classes, "0"));
  EXPECT_FALSE(find_leeway_class(classes, "RUBBER-DUCK"));
  EXPECT_EQ(find_leeway_class(classes, "").error().code, "unknown_class");
}

TEST(LeewayClassesTest, MalformedTablesAreErrors) {
  EXPECT_FALSE(parse_leeway_classes(""));
  EXPECT_FALSE(parse_leeway_classes("header\n1,A,1,2,3\n"));
  EXPECT_FALSE(parse_leeway_classes("header\n1,A,1,2,3,4,5,6,7,8,x\n"));
  EXPECT_FALSE(parse_leeway_classes("header\n1,A,1,2,-3,4,5,6,7,8,9\n"));
  EXPECT_FALSE(parse_leeway_classes("header\n1.5,A,1,2,3,4,5,6,7,8,9\n"));
  auto good = parse_leeway_classes("header\n7,X-1,1,2,3,4,5,6,-7,8,9\n");
  ASSERT_TRUE(good);
  EXPECT_EQ((*good)[0].cwl_slope, -7.0);
}

}  // namespace
}  // namespace sw::drift
