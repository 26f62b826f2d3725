#include "track/tracker/tracker_assembly.h"

#include "track/data_associator/gnn_associator.h"
#include "track/deleter/covariance_deleter.h"
#include "track/deleter/update_time_deleter.h"
#include "track/hypothesiser/distance_hypothesiser.h"
#include "track/initiator/multi_measurement_initiator.h"
#include "track/models/constant_velocity.h"
#include "track/predictor/imm_predictor.h"
#include "track/predictor/kalman_predictor.h"
#include "track/updater/extended_kalman_updater.h"
#include "track/updater/imm_updater.h"

namespace sw::track {

struct TrackerAssembly::Roles {
  explicit Roles(const TrackerSettings& settings)
      : quiet_model(settings.noise_diffusion),
        agile_model(settings.imm_high_noise_diffusion),
        tentative_steps(settings.tentative_max_misses),
        confirmed_steps(settings.confirmed_max_misses),
        tentative_age(settings.tentative_max_age_s),
        confirmed_age(settings.confirmed_max_age_s),
        covariance(settings.max_position_variance),
        tentative_deleter({settings.tentative_max_age_s > 0.0
                               ? static_cast<const Deleter*>(&tentative_age)
                               : &tentative_steps,
                           &covariance}),
        confirmed_deleter({settings.confirmed_max_age_s > 0.0
                               ? static_cast<const Deleter*>(&confirmed_age)
                               : &confirmed_steps,
                           &covariance}) {
    if (settings.imm) {
      const double switching = settings.imm_switch_probability;
      Eigen::MatrixXd matrix(2, 2);
      matrix << 1.0 - switching, switching, switching, 1.0 - switching;
      predictor = std::make_unique<ImmPredictor>(
          std::vector<const TransitionModel*>{&quiet_model, &agile_model}, matrix,
          std::vector<double>{0.9, 0.1});
      updater = std::make_unique<ImmUpdater>();
    } else {
      predictor = std::make_unique<KalmanPredictor>(quiet_model);
      updater = std::make_unique<ExtendedKalmanUpdater>();
    }
    const bool jpda = settings.association == AssociationMethod::kJpda;
    hypothesiser =
        std::make_unique<DistanceHypothesiser>(*updater, jpda ? settings.pda_gate : settings.gate);
    tentative_hypothesiser = std::make_unique<DistanceHypothesiser>(*updater, settings.gate);
    const double missed_cost = settings.gate * settings.gate;
    if (jpda) {
      JpdaParameters parameters = settings.jpda;
      parameters.gate_probability = gate_probability_2d(settings.pda_gate);
      associator = std::make_unique<JpdaAssociator>(parameters);
    } else {
      associator = std::make_unique<GnnAssociator>(missed_cost);
    }
    tentative_associator = std::make_unique<GnnAssociator>(missed_cost);
    initiator = std::make_unique<MultiMeasurementInitiator>(
        *predictor, *updater, *tentative_hypothesiser, *tentative_associator, tentative_deleter,
        MultiMeasurementInitiatorSettings{settings.min_points, settings.velocity_sigma});
  }

  ConstantVelocity quiet_model;
  ConstantVelocity agile_model;
  UpdateTimeStepsDeleter tentative_steps;
  UpdateTimeStepsDeleter confirmed_steps;
  UpdateTimeDeleter tentative_age;
  UpdateTimeDeleter confirmed_age;
  CovarianceDeleter covariance;
  CompositeDeleter tentative_deleter;
  CompositeDeleter confirmed_deleter;
  std::unique_ptr<Predictor> predictor;
  std::unique_ptr<Updater> updater;
  std::unique_ptr<Hypothesiser> hypothesiser;
  std::unique_ptr<Hypothesiser> tentative_hypothesiser;
  std::unique_ptr<DataAssociator> associator;
  std::unique_ptr<DataAssociator> tentative_associator;
  std::unique_ptr<Initiator> initiator;
};

TrackerAssembly::TrackerAssembly(const TrackerSettings& settings)
    : roles_(std::make_unique<Roles>(settings)) {
  tracker_ = std::make_unique<MultiTargetTracker>(
      TrackerRoles{roles_->predictor.get(), roles_->updater.get(), roles_->hypothesiser.get(),
                   roles_->associator.get(), roles_->initiator.get(), &roles_->confirmed_deleter});
}

TrackerAssembly::~TrackerAssembly() = default;

}  // namespace sw::track
