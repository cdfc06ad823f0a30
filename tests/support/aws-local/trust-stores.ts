// ELB trust stores as AWS documents them: bundle and CRLs are fetched from S3 when the call is
// made, RevocationIds increase per trust store and are never reused, quotas are enforced, and
// every change is recorded with a sequence number so tests can check the state at any moment.
import { randomBytes } from "node:crypto";
import { AwsError } from "./aws-error";
import type { ElbLimits } from "./limits";
import { ContentError, parseCaBundle, parseRevocationList } from "./trust-store-content";

export interface RevocationState {
  id: number;
  bucket: string;
  key: string;
  /** NumberOfRevokedEntries, counted from the CRL content. */
  entries: number;
  /** Revoked serial numbers: uppercase hex, no leading zeros. */
  serials: string[];
}

export interface TrustStoreState {
  name: string;
  arn: string;
  status: "ACTIVE" | "CREATING";
  bundle: string;
  numberOfCaCertificates: number;
  totalRevokedEntries: number;
  revocations: RevocationState[];
}

export interface TrustStoreChange {
  seq: number;
  operation: string;
  trustStoreArn: string;
  /** The trust store right after the change; null once deleted. */
  state: TrustStoreState | null;
}

interface StoredTrustStore {
  name: string;
  arn: string;
  bundle: string;
  numberOfCaCertificates: number;
  revocations: (RevocationState & { content: Buffer })[];
  lastRevocationId: number;
  /** DescribeTrustStores calls still to answer CREATING before the store turns ACTIVE. */
  creatingDescribes: number;
}

export interface RevocationSource {
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  RevocationType?: string;
}

export type FetchObject = (bucket: string, key: string) => Promise<Buffer | undefined>;

// The console's naming rule: up to 32 alphanumerics or hyphens, no hyphen at either end.
const NAME_RULE = /^(?!-)[A-Za-z0-9-]{1,32}(?<!-)$/;

export class TrustStores {
  private stores: StoredTrustStore[] = [];
  private changes: TrustStoreChange[] = [];
  private seq = 0;

  constructor(
    private readonly config: { region: string; accountId: string; limits: ElbLimits; creatingDescribes: number },
    private readonly fetchObject: FetchObject,
  ) {}

  async create(name: string, bucket: string, key: string): Promise<TrustStoreState> {
    if (!NAME_RULE.test(name)) throw new AwsError("ValidationError", `Trust store name '${name}' must be 1-32 alphanumerics or hyphens and may not begin or end with a hyphen.`);
    if (this.stores.some((s) => s.name === name)) throw new AwsError("DuplicateTrustStoreName", `A trust store with the name '${name}' already exists.`);
    if (this.stores.length >= this.config.limits.maxTrustStores) throw new AwsError("TooManyTrustStores", `You have reached the limit of ${this.config.limits.maxTrustStores} trust stores.`);
    const bundle = await this.fetchBundle(bucket, key);
    const arn = `arn:aws:elasticloadbalancing:${this.config.region}:${this.config.accountId}:truststore/${name}/${randomBytes(8).toString("hex")}`;
    const store: StoredTrustStore = {
      name,
      arn,
      bundle: bundle.pem,
      numberOfCaCertificates: bundle.certificates.length,
      revocations: [],
      lastRevocationId: 0,
      creatingDescribes: this.config.creatingDescribes,
    };
    this.stores.push(store);
    return this.record("CreateTrustStore", store);
  }

  async modify(arn: string, bucket: string, key: string): Promise<TrustStoreState> {
    const store = this.ready(arn);
    const bundle = await this.fetchBundle(bucket, key);
    store.bundle = bundle.pem;
    store.numberOfCaCertificates = bundle.certificates.length;
    return this.record("ModifyTrustStore", store);
  }

  delete(arn: string): void {
    const store = this.find(arn);
    this.stores.splice(this.stores.indexOf(store), 1);
    this.changes.push({ seq: ++this.seq, operation: "DeleteTrustStore", trustStoreArn: arn, state: null });
  }

  /** DescribeTrustStores: by ARN or name, or all; each call ages a CREATING store one step. */
  describe(arns: string[], names: string[]): TrustStoreState[] {
    const selected =
      arns.length || names.length
        ? [...arns.map((a) => this.find(a)), ...names.map((n) => this.findByName(n))]
        : [...this.stores];
    const states = [...new Set(selected)].map((s) => this.state(s));
    for (const store of new Set(selected)) {
      if (store.creatingDescribes > 0 && --store.creatingDescribes === 0) this.record("TrustStoreActive", store);
    }
    return states;
  }

  bundleOf(arn: string): string {
    return this.find(arn).bundle;
  }

  async addRevocations(arn: string, sources: RevocationSource[]): Promise<RevocationState[]> {
    const store = this.ready(arn);
    if (sources.length === 0) throw new AwsError("ValidationError", "RevocationContents must name at least one revocation file.");
    const { limits } = this.config;
    // All files are fetched and checked before anything changes: the call is all or nothing.
    const added: (RevocationState & { content: Buffer })[] = [];
    let nextId = store.lastRevocationId;
    for (const [i, source] of sources.entries()) {
      const where = `RevocationContents.member.${i + 1}`;
      if (!source.S3Bucket || !source.S3Key) throw new AwsError("ValidationError", `${where} must give S3Bucket and S3Key.`);
      if ((source.RevocationType ?? "CRL") !== "CRL") throw new AwsError("ValidationError", `${where}.RevocationType '${source.RevocationType}' is not supported; the only value is CRL.`);
      const content = await this.fetchObject(source.S3Bucket, source.S3Key);
      if (!content) throw new AwsError("RevocationContentNotFound", `The revocation file s3://${source.S3Bucket}/${source.S3Key} does not exist.`);
      const list = this.check(() => parseRevocationList(content, limits));
      added.push({ id: ++nextId, bucket: source.S3Bucket, key: source.S3Key, entries: list.serials.length, serials: list.serials, content });
    }
    const files = store.revocations.length + added.length;
    if (files > limits.maxRevocationFilesPerTrustStore) {
      throw new AwsError("TooManyTrustStoreRevocationEntries", `A trust store can hold at most ${limits.maxRevocationFilesPerTrustStore} revocation files; this call would make it ${files}.`);
    }
    const entries = [...store.revocations, ...added].reduce((n, r) => n + r.entries, 0);
    if (entries > limits.maxRevokedEntriesPerTrustStore) {
      throw new AwsError("TooManyTrustStoreRevocationEntries", `A trust store can hold at most ${limits.maxRevokedEntriesPerTrustStore} revoked entries; this call would make it ${entries}.`);
    }
    store.revocations.push(...added);
    store.lastRevocationId = nextId;
    this.record("AddTrustStoreRevocations", store);
    return added.map(publicRevocation);
  }

  removeRevocations(arn: string, ids: number[]): void {
    const store = this.ready(arn);
    if (ids.length === 0) throw new AwsError("ValidationError", "RevocationIds must name at least one revocation ID.");
    const missing = ids.filter((id) => !store.revocations.some((r) => r.id === id));
    if (missing.length) throw new AwsError("RevocationIdNotFound", `Revocation ID(s) ${missing.join(", ")} not found in trust store '${arn}'.`);
    store.revocations = store.revocations.filter((r) => !ids.includes(r.id));
    this.record("RemoveTrustStoreRevocations", store);
  }

  describeRevocations(arn: string, ids: number[]): RevocationState[] {
    const store = this.find(arn);
    const missing = ids.filter((id) => !store.revocations.some((r) => r.id === id));
    if (missing.length) throw new AwsError("RevocationIdNotFound", `Revocation ID(s) ${missing.join(", ")} not found in trust store '${arn}'.`);
    return store.revocations.filter((r) => ids.length === 0 || ids.includes(r.id)).map(publicRevocation);
  }

  revocationContent(arn: string, id: number): Buffer {
    const revocation = this.find(arn).revocations.find((r) => r.id === id);
    if (!revocation) throw new AwsError("RevocationIdNotFound", `Revocation ID ${id} not found in trust store '${arn}'.`);
    return revocation.content;
  }

  // Harness views.
  history(): TrustStoreChange[] {
    return structuredClone(this.changes);
  }

  current(arnOrName: string): TrustStoreState | undefined {
    const store = this.stores.find((s) => s.arn === arnOrName || s.name === arnOrName);
    return store && this.state(store);
  }

  all(): TrustStoreState[] {
    return this.stores.map((s) => this.state(s));
  }

  private find(arn: string): StoredTrustStore {
    if (!/^arn:aws:elasticloadbalancing:[^:]+:\d{12}:truststore\/[^/]+\/[^/]+$/.test(arn)) {
      throw new AwsError("ValidationError", `'${arn}' is not a valid trust store ARN.`);
    }
    const store = this.stores.find((s) => s.arn === arn);
    if (!store) throw new AwsError("TrustStoreNotFound", `Trust store '${arn}' not found.`);
    return store;
  }

  private findByName(name: string): StoredTrustStore {
    const store = this.stores.find((s) => s.name === name);
    if (!store) throw new AwsError("TrustStoreNotFound", `Trust store '${name}' not found.`);
    return store;
  }

  /** A store that is still CREATING accepts only Describe and Delete. */
  private ready(arn: string): StoredTrustStore {
    const store = this.find(arn);
    if (store.creatingDescribes > 0) throw new AwsError("TrustStoreNotReady", `Trust store '${arn}' is still being created.`);
    return store;
  }

  private async fetchBundle(bucket: string, key: string) {
    if (!bucket || !key) throw new AwsError("ValidationError", "CaCertificatesBundleS3Bucket and CaCertificatesBundleS3Key are required.");
    const content = await this.fetchObject(bucket, key);
    if (!content) throw new AwsError("CaCertificatesBundleNotFound", `The CA certificates bundle s3://${bucket}/${key} does not exist.`);
    return this.check(() => parseCaBundle(content, this.config.limits));
  }

  private check<T>(parse: () => T): T {
    try {
      return parse();
    } catch (e) {
      if (e instanceof ContentError) throw new AwsError(e.code, e.message);
      throw e;
    }
  }

  private record(operation: string, store: StoredTrustStore): TrustStoreState {
    const state = this.state(store);
    this.changes.push({ seq: ++this.seq, operation, trustStoreArn: store.arn, state: structuredClone(state) });
    return state;
  }

  private state(store: StoredTrustStore): TrustStoreState {
    const revocations = store.revocations.map(publicRevocation);
    return {
      name: store.name,
      arn: store.arn,
      status: store.creatingDescribes > 0 ? "CREATING" : "ACTIVE",
      bundle: store.bundle,
      numberOfCaCertificates: store.numberOfCaCertificates,
      totalRevokedEntries: revocations.reduce((n, r) => n + r.entries, 0),
      revocations,
    };
  }
}

function publicRevocation(r: RevocationState): RevocationState {
  return { id: r.id, bucket: r.bucket, key: r.key, entries: r.entries, serials: [...r.serials] };
}
