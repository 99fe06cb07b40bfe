import type {
  DtlsParameters,
  RtpCapabilities,
  RtpParameters,
  TransportOptions,
} from '@haven/protocol';
import type { types } from 'mediasoup';

/*
 * The wire types in @haven/protocol are zod shapes, checked for structure only; the
 * mediasoup types are stricter (literal header-extension URIs) in one place and looser
 * (codec parameter values typed `unknown`) in another. mediasoup validates everything it
 * receives at runtime, and everything it hands out comes from SDP-style fields (strings
 * and numbers), so the conversions below only change the static type. They are the one
 * place where that happens. Inputs are cloned: mediasoup normalises objects in place,
 * and the caller's object must stay as it was.
 */

/** A copy: mediasoup hands out the router's own object, which must never be mutated. */
export const rtpCapabilitiesToWire = (caps: types.RtpCapabilities): RtpCapabilities =>
  structuredClone(caps) as unknown as RtpCapabilities;

export const rtpParametersToWire = (params: types.RtpParameters): RtpParameters =>
  structuredClone(params) as unknown as RtpParameters;

export const rtpCapabilitiesFromWire = (caps: RtpCapabilities): types.RtpCapabilities =>
  structuredClone(caps) as unknown as types.RtpCapabilities;

export const rtpParametersFromWire = (params: RtpParameters): types.RtpParameters =>
  structuredClone(params) as unknown as types.RtpParameters;

export const dtlsParametersFromWire = (params: DtlsParameters): types.DtlsParameters =>
  structuredClone(params);

export function transportOptionsToWire(transport: types.WebRtcTransport): TransportOptions {
  return {
    id: transport.id,
    iceParameters: { ...transport.iceParameters },
    iceCandidates: transport.iceCandidates.map((candidate) => ({ ...candidate })),
    dtlsParameters: structuredClone(transport.dtlsParameters),
  };
}
