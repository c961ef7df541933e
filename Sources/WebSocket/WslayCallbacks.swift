import CWslay

/// Every C callback handed to wslay. Each one only recovers the `WslayBridge` from
/// `user_data` and calls a Swift method on it.
enum WslayCallbacks {
  static func bridge(_ userData: UnsafeMutableRawPointer?) -> WslayBridge {
    Unmanaged<WslayBridge>.fromOpaque(userData!).takeUnretainedValue()
  }

  static let table = wslay_event_callbacks(
    recv_callback: { context, buffer, length, _, userData in
      let count = bridge(userData).read(into: buffer!, capacity: length)
      guard count > 0 else {
        // No data is not an error: wslay stops and waits for the next `receive`.
        wslay_event_set_error(context, WSLAY_ERR_WOULDBLOCK.rawValue)
        return -1
      }
      return count
    },
    send_callback: { _, data, length, _, userData in
      bridge(userData).write(data!, count: length)
    },
    genmask_callback: { _, buffer, length, userData in
      bridge(userData).fillMask(buffer!, count: length)
      return 0
    },
    on_frame_recv_start_callback: nil,
    on_frame_recv_chunk_callback: nil,
    on_frame_recv_end_callback: nil,
    on_msg_recv_callback: { context, argument, userData in
      let message = argument!.pointee
      bridge(userData).messageReceived(
        context: context!, opcode: message.opcode,
        payload: UnsafeBufferPointer(start: message.msg, count: message.msg_length),
        statusCode: message.status_code)
    }
  )
}
