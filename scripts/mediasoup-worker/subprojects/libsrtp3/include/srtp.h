// libsrtp 3 API on top of Debian's libsrtp2.
//
// mediasoup >= 3.16 is written against libsrtp 3, which Debian does not ship.
// The stand-in libsrtp3 subproject puts this directory on the include path, so
// mediasoup's `#include <srtp.h>` lands here; this header includes the real
// libsrtp2 header by its full path and adds the few libsrtp 3 spellings
// mediasoup uses:
//
//  - srtp_protect / srtp_unprotect / srtp_protect_rtcp / srtp_unprotect_rtcp
//    with separate input and output buffers and size_t lengths (libsrtp2
//    works in place on int lengths). These are C++ overloads: the six- and
//    five-argument forms cannot be confused with libsrtp2's three-argument
//    C functions, which they call after copying the input into the output
//    buffer.
//  - srtp_stream_remove, renamed from libsrtp2's srtp_remove_stream.
//  - the error codes srtp_err_status_buffer_small and
//    srtp_err_status_cryptex_err, which libsrtp2 does not define.
//
// Only C++ code includes it (mediasoup's worker), hence no C fallback.

#ifndef HAVEN_SRTP3_COMPAT_H
#define HAVEN_SRTP3_COMPAT_H

#include <srtp2/srtp.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

// libsrtp2's last error code is srtp_err_status_pkt_idx_adv (27). The two
// extra codes take the next values, which stay inside the enum's range.
constexpr srtp_err_status_t srtp_err_status_buffer_small =
  static_cast<srtp_err_status_t>(srtp_err_status_pkt_idx_adv + 1);
constexpr srtp_err_status_t srtp_err_status_cryptex_err =
  static_cast<srtp_err_status_t>(srtp_err_status_pkt_idx_adv + 2);

namespace haven_srtp3
{
	// Bytes that libsrtp2 may append when protecting in place.
	constexpr size_t RtpTrailerRoom  = SRTP_MAX_TRAILER_LEN;
	constexpr size_t RtcpTrailerRoom = SRTP_MAX_TRAILER_LEN + 4; // + SRTCP index

	// Signature shared by libsrtp2's in-place functions.
	using InPlaceFn = srtp_err_status_t (*)(srtp_t, void*, int*);

	// Copies `in` into `out` (unless they are the same buffer), runs the
	// in-place libsrtp2 function on `out` and reports the new length.
	// `*outLen` is the capacity of `out` on entry, as in libsrtp 3.
	inline srtp_err_status_t RunInPlace(
	  InPlaceFn fn,
	  srtp_t ctx,
	  const uint8_t* in,
	  size_t inLen,
	  uint8_t* out,
	  size_t* outLen,
	  size_t room)
	{
		if (in == nullptr || out == nullptr || outLen == nullptr || inLen > INT_MAX - room)
		{
			return srtp_err_status_bad_param;
		}

		if (*outLen < inLen + room)
		{
			return srtp_err_status_buffer_small;
		}

		if (out != in)
		{
			std::memmove(out, in, inLen);
		}

		int len = static_cast<int>(inLen);

		const srtp_err_status_t err = fn(ctx, out, &len);

		if (err == srtp_err_status_ok)
		{
			*outLen = static_cast<size_t>(len);
		}

		return err;
	}
} // namespace haven_srtp3

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t mkiIndex)
{
	// mediasoup never configures MKIs, so it always passes index 0; anything
	// else is refused rather than silently using the wrong keys.
	if (mkiIndex != 0)
	{
		return srtp_err_status_bad_mki;
	}

	return haven_srtp3::RunInPlace(
	  ::srtp_protect, ctx, rtp, rtpLen, srtp, srtpLen, haven_srtp3::RtpTrailerRoom);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	// Unprotecting only shrinks the packet: no extra room needed.
	return haven_srtp3::RunInPlace(::srtp_unprotect, ctx, srtp, srtpLen, rtp, rtpLen, 0);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t mkiIndex)
{
	if (mkiIndex != 0)
	{
		return srtp_err_status_bad_mki;
	}

	return haven_srtp3::RunInPlace(
	  ::srtp_protect_rtcp, ctx, rtcp, rtcpLen, srtcp, srtcpLen, haven_srtp3::RtcpTrailerRoom);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	return haven_srtp3::RunInPlace(::srtp_unprotect_rtcp, ctx, srtcp, srtcpLen, rtcp, rtcpLen, 0);
}

inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

#endif // HAVEN_SRTP3_COMPAT_H
