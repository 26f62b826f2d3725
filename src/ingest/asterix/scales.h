#pragma once
/// Least significant bits of the scaled CAT010 and CAT034 fields (EUROCONTROL CAT010 Part 7
/// edition 1.1, CAT034 edition 1.27), shared by the decoder and the encoder.

namespace sw::asterix::scales {

constexpr double kTimeOfDayS = 1.0 / 128.0;  ///< I010/140, I034/030
constexpr double kSecondsPerDay = 86400.0;
constexpr double kWgs84Deg = 180.0 / 2147483648.0;        ///< I010/041: 180/2^31
constexpr double kRangeM = 1.0;                           ///< I010/040 rho
constexpr double kAngle16Deg = 360.0 / 65536.0;           ///< I010/040 theta, I010/200 TRA
constexpr double kCartesianM = 1.0;                       ///< I010/042
constexpr double kGroundSpeedNmPerS = 1.0 / 16384.0;      ///< I010/200 GSP: 2^-14 NM/s
constexpr double kVelocityMps = 0.25;                     ///< I010/202
constexpr double kOrientationDeg = 360.0 / 128.0;         ///< I010/270
constexpr double kDeviationM = 0.25;                      ///< I010/500 sigma x, sigma y
constexpr double kCovarianceM2 = 0.25;                    ///< I010/500 covariance xy
constexpr double kSectorDeg = 360.0 / 256.0;              ///< I034/020
constexpr double kRotationPeriodS = 1.0 / 128.0;          ///< I034/041
constexpr double kSourcePositionDeg = 180.0 / 8388608.0;  ///< I034/120: 180/2^23

}  // namespace sw::asterix::scales
