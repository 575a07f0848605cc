// Kernels in execution order: one per value, except elementwise values fused into the kernel
// that produces their operand and values computed inline where they are read.
#include <algorithm>
#include <optional>
#include <utility>

#include "ir/ir_api.h"
#include "schedule/detail.h"

namespace ricci::schedule::detail {
namespace {

std::size_t index(ir::ValueId id) { return static_cast<std::size_t>(id); }

// The kernels built so far, in execution order, with each value's kernel. A kernel moves to
// the end of the order when a fused value needs operands computed after it.
class KernelOrder {
 public:
  explicit KernelOrder(std::size_t values) : kernel_of_(values, kNone) {}

  void add(Kernel k) {
    kernel_of_[index(k.value)] = kernels_.size();
    position_.push_back(order_.size());
    order_.push_back(kernels_.size());
    kernels_.push_back(std::move(k));
  }

  // The kernel whose stored result is `v`, if any.
  std::optional<std::size_t> producing(ir::ValueId v) const {
    std::size_t k = kernel_of_[index(v)];
    if (k == kNone || kernels_[k].result() != v) return std::nullopt;
    return k;
  }

  // The position in execution order of the kernel computing `v`; inputs come before all.
  std::ptrdiff_t position_of(ir::ValueId v) const {
    std::size_t k = kernel_of_[index(v)];
    return k == kNone ? -1 : static_cast<std::ptrdiff_t>(position_[k]);
  }

  std::size_t position(std::size_t kernel) const { return position_[kernel]; }
  const Kernel& kernel(std::size_t kernel) const { return kernels_[kernel]; }

  void fuse(std::size_t kernel, ir::ValueId v) {
    kernels_[kernel].epilogue.push_back(v);
    kernel_of_[index(v)] = kernel;
  }

  // Moving a kernel after every other is valid when nothing computed so far reads its result.
  void move_last(std::size_t kernel) {
    order_.erase(order_.begin() + static_cast<std::ptrdiff_t>(position_[kernel]));
    order_.push_back(kernel);
    for (std::size_t pos = 0; pos < order_.size(); ++pos) position_[order_[pos]] = pos;
  }

  std::vector<Kernel> take() {
    std::vector<Kernel> out;
    for (std::size_t k : order_) out.push_back(std::move(kernels_[k]));
    return out;
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<Kernel> kernels_;        // in creation order
  std::vector<std::size_t> order_;     // kernel indices in execution order
  std::vector<std::size_t> position_;  // per kernel: its position in order_
  std::vector<std::size_t> kernel_of_;  // per value: the kernel computing it, or kNone
};

// Per value, the distinct values reading it.
std::vector<std::vector<ir::ValueId>> readers(const ir::Program& p) {
  std::vector<std::vector<ir::ValueId>> out(p.values.size());
  for (std::size_t id = 0; id < p.values.size(); ++id) {
    for (ir::ValueId r : ir::operands(p.values[id].op)) {
      std::vector<ir::ValueId>& list = out[index(r)];
      if (list.empty() || list.back() != static_cast<ir::ValueId>(id)) list.push_back(static_cast<ir::ValueId>(id));
    }
  }
  return out;
}

bool elementwise(const ir::Value& v) {
  return std::holds_alternative<ir::Map>(v.op) || std::holds_alternative<ir::Add>(v.op);
}

}  // namespace

std::vector<Kernel> plan_kernels(const ir::Program& p, const ScheduleOptions& options,
                                 const std::vector<bool>& inlined) {
  std::vector<std::vector<ir::ValueId>> read_by = readers(p);
  std::vector<bool> is_output(p.values.size(), false);
  for (const ir::Result& r : p.outputs) is_output[index(r.value)] = true;

  KernelOrder order(p.values.size());
  for (std::size_t id = 0; id < p.values.size(); ++id) {
    const ir::Value& v = p.values[id];
    auto vid = static_cast<ir::ValueId>(id);
    if (std::holds_alternative<ir::Input>(v.op) || inlined[id]) continue;
    if (options.fuse && elementwise(v)) {
      // A kernel whose result only `v` reads, and that no output keeps, takes `v` as its next
      // epilogue step (a Map's or Add's operands have its shape). Among several, a loop nest
      // is preferred to a Gemm, whose epilogue costs an extra pass over its result, then the
      // latest, which needs no move.
      std::vector<ir::ValueId> args = ir::operands(v.op);
      std::optional<std::size_t> host;
      auto preference = [&](std::size_t k) { return std::pair(!order.kernel(k).gemm, order.position(k)); };
      for (ir::ValueId a : args) {
        std::optional<std::size_t> k = order.producing(a);
        if (!k || is_output[index(a)] || read_by[index(a)] != std::vector<ir::ValueId>{vid}) continue;
        if (!host || preference(*k) > preference(*host)) host = k;
      }
      if (host) {
        Kernel reader;
        reader.value = vid;
        std::vector<ir::ValueId> reads = kernel_reads(p, reader, inlined);
        auto after_host = [&](ir::ValueId a) {
          return order.position_of(a) > static_cast<std::ptrdiff_t>(order.position(*host));
        };
        if (std::any_of(reads.begin(), reads.end(), after_host)) order.move_last(*host);
        order.fuse(*host, vid);
        continue;
      }
    }
    Kernel k;
    k.value = vid;
    if (options.gemm) {
      if (const auto* c = std::get_if<ir::Contract>(&v.op)) k.gemm = match_gemm(*c);
    }
    order.add(std::move(k));
  }
  return order.take();
}

}  // namespace ricci::schedule::detail
