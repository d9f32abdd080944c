internal import CSndFile

/// The libsndfile in use.
public enum LibSndFile {
  /// libsndfile's version string, such as `libsndfile-1.2.0`.
  public static var version: String { String(cString: sf_version_string()) }
}
