/**
 * An S3 API in front of an object store that has none (Azure Blob Storage), for apps that speak nothing but S3 with a
 * static key: S3Proxy in the cluster, published on a host with TLS.
 */
export * from './s3proxy';
