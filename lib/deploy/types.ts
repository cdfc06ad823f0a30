import type { DeployTrigger } from "./schema";

export interface DeployTargetView {
  id: string;
  name: string;
  region: string;
  bucket: string;
  keyPrefix: string;
  caSlugs: string[];
  trustStoreArn: string | null;
  trustStoreName: string | null;
  s3Endpoint: string | null;
  elbv2Endpoint: string | null;
  acmEndpoint: string | null;
  credentialsMode: "DEFAULT" | "STORED";
  /** Shown so the operator knows which key is stored; the secret never leaves the server. */
  accessKeyId: string | null;
  /** Whether a sealed secret access key is stored (the edit form keeps it unless a new one is typed). */
  secretStored: boolean;
  /**
   * Inkan has written to the trust store (its bundle, a revocation list, an Add in flight): the
   * store's ARN or name can no longer change, since the recorded RevocationIds and bundle belong to it.
   */
  trustStoreManaged: boolean;
  bundleKey: string | null;
  revocationIds: number[];
  lastSuccessAt: Date | null;
  createdAt: Date;
}

export interface JournalStep {
  at: string;
  step: string;
  detail?: Record<string, unknown>;
}

/**
 * The error code of a run refused because another run holds the target: not a failure of the
 * trust store, so it raises no alert and puts the target in no back-off.
 */
export const DEPLOY_IN_PROGRESS = "DeployInProgress";

export type DeployRunStatus = "RUNNING" | "SUCCEEDED" | "FAILED";

export interface DeployRunView {
  id: string;
  targetName: string;
  trigger: DeployTrigger;
  actor: string;
  status: DeployRunStatus;
  retryOf: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  journal: JournalStep[];
  revocationIdsAdded: number[];
  revocationIdsRemoved: number[];
  entries: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** The trust store call that took a new CA bundle in this run, from its journal; null when the bundle stayed. */
  bundleChange: { operation: "CreateTrustStore" | "ModifyTrustStore"; certificates: number } | null;
}

export interface DeployPlan {
  targetName: string;
  trustStoreExists: boolean;
  bundleChanged: boolean;
  bundleKey: string;
  bundleCertificates: number;
  crls: Array<{ caSlug: string; crlNumber: number; entries: number; key: string; add: boolean }>;
  revocationIdsToAdd: number;
  revocationIdsToRemove: number[];
  adopted: number[];
  /** A quota the run would exceed, with the message it would fail with. */
  quotaProblem: string | null;
}

export interface TrustStoreStatus {
  arn: string;
  name: string;
  status: string;
  numberOfCaCertificates: number;
  totalRevokedEntries: number;
  revocations: Array<{ revocationId: number; entries: number; ownedByInkan: boolean }>;
}
