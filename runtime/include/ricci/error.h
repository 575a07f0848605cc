// The exceptions the runtime throws: bad input data and mismatched shapes.
#pragma once

#include <stdexcept>

namespace ricci {

// Any runtime failure caused by the caller's data (a malformed .npy file, a wrong rank, ...).
// The message is complete and meant to be shown to a user as is.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Two tensors passed to one generated function disagree on the size of an index.
class ShapeError : public Error {
 public:
  using Error::Error;
};

}  // namespace ricci
