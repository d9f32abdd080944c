import CSndFile

/// Names for libsndfile's major formats and sample subtypes, for refusal messages.
enum SndFileNames {
  /// The container of a libsndfile `SF_INFO.format`, such as "AIFF" or "FLAC".
  static func container(_ format: Int32) -> String {
    switch Int(format) & Int(SF_FORMAT_TYPEMASK) {
    case Int(SF_FORMAT_WAV): "WAV"
    case Int(SF_FORMAT_WAVEX): "WAV (WAVE_FORMAT_EXTENSIBLE)"
    case Int(SF_FORMAT_RF64): "RF64"
    case Int(SF_FORMAT_W64): "Sony Wave64"
    case Int(SF_FORMAT_AIFF): "AIFF"
    case Int(SF_FORMAT_AU): "Sun AU"
    case Int(SF_FORMAT_RAW): "raw audio"
    case Int(SF_FORMAT_PAF): "Ensoniq PARIS"
    case Int(SF_FORMAT_SVX): "Amiga IFF/8SVX"
    case Int(SF_FORMAT_NIST): "NIST Sphere"
    case Int(SF_FORMAT_VOC): "Creative VOC"
    case Int(SF_FORMAT_IRCAM): "Berkeley/IRCAM/CARL"
    case Int(SF_FORMAT_MAT4): "MATLAB 4"
    case Int(SF_FORMAT_MAT5): "MATLAB 5"
    case Int(SF_FORMAT_PVF): "Portable Voice Format"
    case Int(SF_FORMAT_XI): "Fasttracker 2 XI"
    case Int(SF_FORMAT_HTK): "HTK"
    case Int(SF_FORMAT_SDS): "MIDI Sample Dump"
    case Int(SF_FORMAT_AVR): "Audio Visual Research"
    case Int(SF_FORMAT_SD2): "Sound Designer II"
    case Int(SF_FORMAT_FLAC): "FLAC"
    case Int(SF_FORMAT_CAF): "Core Audio"
    case Int(SF_FORMAT_WVE): "Psion WVE"
    case Int(SF_FORMAT_OGG): "Ogg"
    case Int(SF_FORMAT_MPC2K): "Akai MPC 2000"
    case Int(SF_FORMAT_MPEG): "MPEG audio"
    default: "audio format 0x" + String(Int(format) & Int(SF_FORMAT_TYPEMASK), radix: 16)
    }
  }

  /// Whether the container is WAV (plain or WAVE_FORMAT_EXTENSIBLE).
  static func isWAV(_ format: Int32) -> Bool {
    let major = Int(format) & Int(SF_FORMAT_TYPEMASK)
    return major == Int(SF_FORMAT_WAV) || major == Int(SF_FORMAT_WAVEX)
  }

  /// Whether the container is WAVE_FORMAT_EXTENSIBLE.
  static func isExtensible(_ format: Int32) -> Bool {
    Int(format) & Int(SF_FORMAT_TYPEMASK) == Int(SF_FORMAT_WAVEX)
  }

  /// The sample encoding of a libsndfile `SF_INFO.format`.
  static func encoding(_ format: Int32) -> SampleEncoding {
    switch Int(format) & Int(SF_FORMAT_SUBMASK) {
    case Int(SF_FORMAT_PCM_S8): .pcm(bits: 8)
    case Int(SF_FORMAT_PCM_16): .pcm(bits: 16)
    case Int(SF_FORMAT_PCM_24): .pcm(bits: 24)
    case Int(SF_FORMAT_PCM_32): .pcm(bits: 32)
    case Int(SF_FORMAT_PCM_U8): .pcmUnsigned8
    case Int(SF_FORMAT_FLOAT): .float(bits: 32)
    case Int(SF_FORMAT_DOUBLE): .float(bits: 64)
    case Int(SF_FORMAT_ULAW): .ulaw
    case Int(SF_FORMAT_ALAW): .alaw
    case Int(SF_FORMAT_IMA_ADPCM): .other("IMA ADPCM")
    case Int(SF_FORMAT_MS_ADPCM): .other("Microsoft ADPCM")
    case Int(SF_FORMAT_GSM610): .other("GSM 6.10")
    case Int(SF_FORMAT_VOX_ADPCM): .other("OKI Dialogic ADPCM")
    case Int(SF_FORMAT_G721_32): .other("G.721 ADPCM")
    case Int(SF_FORMAT_G723_24), Int(SF_FORMAT_G723_40): .other("G.723 ADPCM")
    case Int(SF_FORMAT_VORBIS): .other("Vorbis")
    case Int(SF_FORMAT_OPUS): .other("Opus")
    case Int(SF_FORMAT_ALAC_16), Int(SF_FORMAT_ALAC_20), Int(SF_FORMAT_ALAC_24), Int(SF_FORMAT_ALAC_32):
      .other("Apple Lossless")
    case Int(SF_FORMAT_MPEG_LAYER_I), Int(SF_FORMAT_MPEG_LAYER_II), Int(SF_FORMAT_MPEG_LAYER_III):
      .other("MPEG audio")
    default: .other("sample format 0x" + String(Int(format) & Int(SF_FORMAT_SUBMASK), radix: 16))
    }
  }
}
