/// "cpu s0" from device `cpu` and stream "s0"; a stream name that already starts with its
/// device ("cpu default") is kept as it is rather than read "cpu cpu default".
func laneName(device: DeviceLabel, stream: String) -> String {
    stream.hasPrefix(device.description) ? stream : "\(device) \(stream)"
}
