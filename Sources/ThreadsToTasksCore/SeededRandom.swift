/// A small, seedable random number generator (SplitMix64), so one seed gives both paradigms, and
/// the notebook's expected ordering, the very same random delays.
///
/// Python's `random.randint(1, 4)` draws from a global generator; here the generator is a value
/// that the main flow owns and draws from before any worker starts.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose whole sequence is fixed by `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension SeededRandom {
  /// Python's `random.randint(low, high)`: a whole number in `low...high`, both ends included.
  public mutating func randint(_ low: Int, _ high: Int) -> Int {
    Int.random(in: low...high, using: &self)
  }
}
