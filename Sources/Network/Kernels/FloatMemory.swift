/// The same memory seen as Float, for handing generic buffers to the Float32 C kernels (use only once the
/// element type is known to be Float).
extension UnsafePointer {
    @inline(__always) var asFloats: UnsafePointer<Float> { UnsafeRawPointer(self).assumingMemoryBound(to: Float.self) }
}

extension UnsafeMutablePointer {
    @inline(__always) var asFloats: UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(self).assumingMemoryBound(to: Float.self)
    }
}
