import type { ReactNode } from 'react';

/** Line icons for the call controls; decorative, the buttons carry the names. */
interface IconProps {
  /** Draws a slash across the icon: the thing is off. */
  off?: boolean;
}

function Svg({ off, children }: IconProps & { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
      {off && <line x1="3" y1="3" x2="21" y2="21" />}
    </svg>
  );
}

export const MicIcon = ({ off }: IconProps) => (
  <Svg off={off}>
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5 11a7 7 0 0 0 14 0" />
    <line x1="12" y1="18" x2="12" y2="21" />
  </Svg>
);

export const CameraIcon = ({ off }: IconProps) => (
  <Svg off={off}>
    <rect x="3" y="7" width="12" height="10" rx="2" />
    <path d="M15 11l6-3v8l-6-3z" />
  </Svg>
);

export const HandIcon = () => (
  <Svg>
    <path d="M8 12V6a1.5 1.5 0 0 1 3 0v5" />
    <path d="M11 11V4.5a1.5 1.5 0 0 1 3 0V11" />
    <path d="M14 11V6a1.5 1.5 0 0 1 3 0v7a7 7 0 0 1-7 7h-.5a6 6 0 0 1-4.6-2.2L3.5 15a1.5 1.5 0 0 1 2.3-1.9L8 15" />
  </Svg>
);

/** Headphones: the sign for "sound only". */
export const AudioOnlyIcon = () => (
  <Svg>
    <path d="M4 15v-3a8 8 0 0 1 16 0v3" />
    <rect x="3" y="14" width="4" height="6" rx="1.5" />
    <rect x="17" y="14" width="4" height="6" rx="1.5" />
  </Svg>
);

/** A speech bubble: the chat. */
export const ChatIcon = () => (
  <Svg>
    <path d="M4 5h16v11H9l-5 4z" />
  </Svg>
);

/** Sliders: the choice of devices. */
export const DevicesIcon = () => (
  <Svg>
    <path d="M4 7h9m4 0h3M4 17h3m4 0h9" />
    <circle cx="15" cy="7" r="2" />
    <circle cx="9" cy="17" r="2" />
  </Svg>
);
