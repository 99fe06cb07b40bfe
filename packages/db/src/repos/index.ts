import type { RepoContext } from '../context.js';
import { AttendanceRepo } from './attendance.js';
import { AuditRepo } from './audit.js';
import { CheckInsRepo } from './check-ins.js';
import { CorrectionsRepo } from './corrections.js';
import { GroupsRepo } from './groups.js';
import { InvitesRepo } from './invites.js';
import { PatientsRepo } from './patients.js';
import { ProgramsRepo } from './programs.js';
import { RefreshTokensRepo } from './refresh-tokens.js';
import { RemovalsRepo } from './removals.js';
import { SessionsRepo } from './sessions.js';
import { SignoffsRepo } from './signoffs.js';
import { StaffRepo } from './staff.js';

/** Every repository, bound to one connection pool or to one open transaction. */
export interface Repositories {
  readonly staff: StaffRepo;
  readonly refreshTokens: RefreshTokensRepo;
  readonly patients: PatientsRepo;
  readonly programs: ProgramsRepo;
  readonly groups: GroupsRepo;
  readonly sessions: SessionsRepo;
  readonly invites: InvitesRepo;
  readonly removals: RemovalsRepo;
  readonly checkIns: CheckInsRepo;
  readonly attendance: AttendanceRepo;
  readonly signoffs: SignoffsRepo;
  readonly corrections: CorrectionsRepo;
  readonly audit: AuditRepo;
}

export function createRepositories(ctx: RepoContext): Repositories {
  return {
    staff: new StaffRepo(ctx),
    refreshTokens: new RefreshTokensRepo(ctx),
    patients: new PatientsRepo(ctx),
    programs: new ProgramsRepo(ctx),
    groups: new GroupsRepo(ctx),
    sessions: new SessionsRepo(ctx),
    invites: new InvitesRepo(ctx),
    removals: new RemovalsRepo(ctx),
    checkIns: new CheckInsRepo(ctx),
    attendance: new AttendanceRepo(ctx),
    signoffs: new SignoffsRepo(ctx),
    corrections: new CorrectionsRepo(ctx),
    audit: new AuditRepo(ctx),
  };
}

export { AttendanceRepo, AuditRepo, CheckInsRepo, CorrectionsRepo, GroupsRepo, InvitesRepo };
export { PatientsRepo, ProgramsRepo, RefreshTokensRepo, RemovalsRepo, SessionsRepo };
export { SignoffsRepo, StaffRepo };
