#include "drift/forcing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "drift/netcdf_forcing.h"
#include "drift/time_text.h"
#include "forcing_fixture.h"

namespace sw::drift {
namespace {

constexpr TimeNs kHour = 3600 * kNsPerSecond;

// The analytic field of make_forcing.py (its header).
void analytic_current(double lon, double lat, double hours, double& east, double& north) {
  const double e = (lon - 1.5) * 111.195 * std::cos(51.0 * M_PI / 180);
  const double n = (lat - 51.0) * 111.195;
  const double theta = 35.0 * M_PI / 180;
  const double along = e * std::sin(theta) + n * std::cos(theta);
  const double across = e * std::cos(theta) - n * std::sin(theta);
  const double speed = 1.5 * std::exp(-std::pow(across / 40.0, 2)) *
                       std::cos(2 * M_PI / 12.42 * hours - 2 * M_PI * along / 1000.0);
  east = speed * std::sin(theta);
  north = speed * std::cos(theta);
}

TEST(NetcdfForcingTest, ReadsTheDoverForcingByStandardName) {
  const std::string& path = testing::dover_forcing_path();
  ASSERT_FALSE(path.empty()) << "make_forcing.py failed";
  auto forcing = NetcdfForcing::open(path, {});
  ASSERT_TRUE(forcing) << forcing.error().detail;
  const NetcdfForcingInfo& info = (*forcing)->info();
  EXPECT_EQ(info.nlon, 101);
  EXPECT_EQ(info.nlat, 79);
  EXPECT_EQ(info.ntime, 49);
  EXPECT_EQ(info.current_vars, "u,v");
  EXPECT_EQ(info.wind_vars, "x_wind_10m,y_wind_10m");
  EXPECT_EQ(format_utc_time(info.time_first), "2024-01-01T00:00:00Z");

  const TimeNs start = info.time_first;
  auto field = (*forcing)->field_for(start + 2 * kHour + kHour / 3, start + 5 * kHour);
  ASSERT_TRUE(field) << field.error().detail;
  EXPECT_EQ(field->times.size(), 4U);  // levels 2..5
  // At grid nodes and times the file's float32 values equal the analytic field.
  ForcingNode node;
  ASSERT_TRUE(field->sample(1.5, 51.0, start + 3 * kHour, node));
  double east = 0, north = 0;
  analytic_current(1.5, 51.0, 3.0, east, north);
  EXPECT_NEAR(node.current_east, east, 1e-5);
  EXPECT_NEAR(node.current_north, north, 1e-5);
  EXPECT_NEAR(node.wind_east, 7.0711, 1e-4);
  EXPECT_NEAR(node.wind_north, 7.0711, 1e-4);
  // Between nodes and times the interpolated value is close to the smooth field.
  ASSERT_TRUE(field->sample(1.6123, 51.1234, start + 3 * kHour + kHour / 2, node));
  analytic_current(1.6123, 51.1234, 3.5, east, north);
  EXPECT_NEAR(node.current_east, east, 0.02);
  EXPECT_NEAR(node.current_north, north, 0.02);
  // Outside the grid: no forcing.
  EXPECT_FALSE(field->sample(2.3, 51.0, start + 3 * kHour, node));
  EXPECT_FALSE(field->sample(1.5, 50.5, start + 3 * kHour, node));
}

TEST(NetcdfForcingTest, RunOutsideTheFileTimesIsAnError) {
  const std::string& path = testing::dover_forcing_path();
  auto forcing = NetcdfForcing::open(path, {});
  ASSERT_TRUE(forcing);
  const TimeNs start = (*forcing)->info().time_first;
  auto field = (*forcing)->field_for(start, start + 49 * kHour);
  ASSERT_FALSE(field);
  EXPECT_EQ(field.error().code, "forcing_time");
  EXPECT_FALSE((*forcing)->field_for(start - kHour, start));
}

TEST(NetcdfForcingTest, BadFilesAreErrorsNotCrashes) {
  EXPECT_FALSE(NetcdfForcing::open("/nonexistent/forcing.nc", {}));
  const std::string junk = ::testing::TempDir() + "junk.nc";
  std::ofstream(junk) << "CDF\x01 this is not a NetCDF file";
  auto opened = NetcdfForcing::open(junk, {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, "bad_forcing");
}

TEST(ConstantForcingTest, IsUniformInSpaceAndTime) {
  ConstantForcing forcing({3, 4}, {0.5, -0.25});
  auto field = forcing.field_for(0, 10 * kHour);
  ASSERT_TRUE(field);
  ForcingNode node;
  ASSERT_TRUE(field->sample(-120, 80, 5 * kHour, node));
  EXPECT_EQ(node.wind_east, 3.0F);
  EXPECT_EQ(node.wind_north, 4.0F);
  EXPECT_EQ(node.current_east, 0.5F);
  EXPECT_EQ(node.current_north, -0.25F);
  EXPECT_FALSE(ConstantForcing({NAN, 0}, {0, 0}).field_for(0, 1));
}

}  // namespace
}  // namespace sw::drift
