import type { Resource } from '@medplum/fhirtypes';
import type { DataCategory } from '@/server/fhir/data-category';

/** A resource as a provider stores it: the FHIR JSON plus what consent and search need to know about it. */
export interface StoredResource {
  resource: Resource & { id: string };
  datasetId: string;
  dataCategory: DataCategory;
  /** Logical id of the Patient this resource is about. */
  patientId: string;
  nationalId: string;
}
