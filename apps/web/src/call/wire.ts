import type {
  ConsumerOptions as WireConsumerOptions,
  RtpCapabilities as WireRtpCapabilities,
  RtpParameters as WireRtpParameters,
  TransportOptions as WireTransportOptions,
} from '@haven/protocol';
import type { types } from 'mediasoup-client';

/*
 * The server hands over mediasoup's own objects unchanged. The protocol describes them
 * loosely (strings where mediasoup has string unions) because it validates structure and
 * leaves semantics to mediasoup; here they are given back their mediasoup-client types.
 * The other way, codec parameters mediasoup types as `unknown` are strings and numbers.
 */

export const toRtpCapabilities = (caps: WireRtpCapabilities): types.RtpCapabilities =>
  caps as types.RtpCapabilities;

export const toTransportOptions = (options: WireTransportOptions): types.TransportOptions =>
  options as unknown as types.TransportOptions;

export const toRtpParameters = (options: WireConsumerOptions): types.RtpParameters =>
  options.rtpParameters as types.RtpParameters;

export const fromRtpCapabilities = (caps: types.RtpCapabilities): WireRtpCapabilities =>
  caps as WireRtpCapabilities;

export const fromRtpParameters = (params: types.RtpParameters): WireRtpParameters =>
  params as WireRtpParameters;
