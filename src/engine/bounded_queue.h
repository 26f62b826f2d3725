#pragma once
/// BoundedQueue: the hand-off between I/O threads and the engine thread. push() never
/// blocks: when the queue is full the item is refused and the caller counts the drop
/// (backpressure is visible, never silent and never a stalled socket thread).

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace sw::engine {

/// Multi-producer, single-consumer queue with a capacity.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  /// False when the queue is full or closed (the item is not taken).
  bool push(T&& item) {
    {
      std::lock_guard lock(mutex_);
      if (closed_ || items_.size() >= capacity_) return false;
      items_.push_back(std::move(item));
      if (items_.size() > high_water_) high_water_ = items_.size();
    }
    ready_.notify_one();
    return true;
  }

  /// Moves up to `max_items` into `out`, waiting up to `timeout` for the first one.
  /// Returns false once the queue is closed and empty.
  template <typename Rep, typename Period>
  bool pop_batch(std::vector<T>& out, std::size_t max_items,
                 std::chrono::duration<Rep, Period> timeout) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, timeout, [this] { return closed_ || !items_.empty(); });
    while (!items_.empty() && out.size() < max_items) {
      out.push_back(std::move(items_.front()));
      items_.pop_front();
    }
    return !(closed_ && items_.empty());
  }

  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
  }
  std::size_t high_water() const {
    std::lock_guard lock(mutex_);
    return high_water_;
  }
  std::size_t capacity() const { return capacity_; }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> items_;
  std::size_t high_water_ = 0;
  bool closed_ = false;
};

}  // namespace sw::engine
