// STORAGE_URL: `s3://bucket[/prefix]?endpoint=http://host:port&region=…` selects S3-compatible
// object storage (MinIO, 阿里云 OSS, AWS). Parameters:
//   endpoint         http(s) URL of the service; omitted means AWS itself
//   region           default us-east-1 (MinIO ignores it; OSS wants e.g. oss-cn-hangzhou)
//   forcePathStyle   true (default): http://host/bucket/key; false: http://bucket.host/key,
//                    for services that refuse path-style requests
//   accessKeyId, secretAccessKey
//                    for test setups only (URL-encoded); otherwise credentials come from the
//                    standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables
//                    (or the rest of the AWS SDK's default chain).

export interface S3Location {
  bucket: string;
  /** Prepended to every key: '' or `some/prefix/`. */
  prefix: string;
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

const PARAMS = ['endpoint', 'region', 'forcePathStyle', 'accessKeyId', 'secretAccessKey'];
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const EXAMPLE = 's3://bucket?endpoint=http://host:9000&region=…';

function malformed(zh: string, en: string): Error {
  return new Error(`环境变量 STORAGE_URL 有误：${zh} / STORAGE_URL is malformed: ${en}`);
}

/** Parses STORAGE_URL; throws an Error with a Chinese / English message when it is malformed. */
export function parseStorageUrl(raw: string): S3Location {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw malformed(`不是有效的地址，应形如 ${EXAMPLE}`, `not a URL; expected ${EXAMPLE}`);
  }
  if (url.protocol !== 's3:') throw malformed('只支持 s3:// 地址（不设置时使用本地磁盘）', 'only s3:// is supported (leave it unset for local disk)');
  if (url.username || url.password) throw malformed('密钥请用 accessKeyId/secretAccessKey 参数或 AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY 环境变量', 'put credentials in accessKeyId/secretAccessKey parameters or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY');
  if (url.port) throw malformed('端口应写在 endpoint 参数中', 'the port belongs in the endpoint parameter');
  const bucket = url.hostname;
  if (!BUCKET.test(bucket)) throw malformed(`存储桶名称“${bucket}”不合规（3–63 位小写字母、数字、点或连字符）`, `bucket name "${bucket}" is invalid (3–63 lowercase letters, digits, dots or hyphens)`);

  let prefix: string;
  try {
    prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  } catch {
    throw malformed(`路径“${url.pathname}”编码有误`, `path "${url.pathname}" is badly encoded`);
  }
  for (const name of url.searchParams.keys()) {
    if (!PARAMS.includes(name)) throw malformed(`未知参数 ${name}（可用：${PARAMS.join('、')}）`, `unknown parameter ${name} (known: ${PARAMS.join(', ')})`);
  }
  const param = (name: string) => url.searchParams.get(name) || undefined;

  const endpoint = param('endpoint');
  if (endpoint !== undefined) {
    let ep: URL | undefined;
    try {
      ep = new URL(endpoint);
    } catch {
      ep = undefined;
    }
    if (!ep || (ep.protocol !== 'http:' && ep.protocol !== 'https:'))
      throw malformed(`endpoint“${endpoint}”应为 http:// 或 https:// 地址`, `endpoint "${endpoint}" must be an http:// or https:// URL`);
  }

  const pathStyle = param('forcePathStyle') ?? 'true';
  if (pathStyle !== 'true' && pathStyle !== 'false') throw malformed('forcePathStyle 只能是 true 或 false', 'forcePathStyle must be true or false');

  const accessKeyId = param('accessKeyId');
  const secretAccessKey = param('secretAccessKey');
  if (!accessKeyId !== !secretAccessKey) throw malformed('accessKeyId 与 secretAccessKey 须同时给出', 'accessKeyId and secretAccessKey go together');

  return {
    bucket,
    prefix: prefix ? `${prefix}/` : '',
    endpoint,
    region: param('region') ?? 'us-east-1',
    forcePathStyle: pathStyle === 'true',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}

/** For logs: everything but the credentials. */
export function describeS3(loc: S3Location): string {
  return `S3 ${loc.bucket}/${loc.prefix} @ ${loc.endpoint ?? 'AWS'}（${loc.region}）`;
}
