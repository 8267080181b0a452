// What a visit to a shut site records on a phone, shared by the acceptance group's 现场检查 and the
// town's 巡查: each standard item held or not (with a note when not), and the photos taken while the
// dialog is open — the workshop's own files, cited by the form's `evidenceIds` automatically.
import { Flex, Form, Input, Radio, Typography, type FormInstance } from 'antd';
import { useEffect, useRef } from 'react';
import type { CampaignDto } from '../../../../domain/api.js';
import type { AttachmentList } from '../../../api/evidence.js';

/** Adds to the form's `evidenceIds` every current file of the workshop that was not there when the dialog opened. */
export function useFilesTakenHere(form: FormInstance, list: AttachmentList | undefined): void {
  const known = useRef<Set<number> | null>(null);
  const current = (list?.items ?? []).filter((a) => a.replacedBy === null);
  if (known.current === null && list) known.current = new Set(current.map((a) => a.id));
  const taken = known.current ? current.filter((a) => !known.current!.has(a.id)).map((a) => a.id) : [];
  const takenKey = taken.join(',');
  useEffect(() => {
    if (takenKey) form.setFieldValue('evidenceIds', [...new Set([...((form.getFieldValue('evidenceIds') as number[] | undefined) ?? []), ...takenKey.split(',').map(Number)])]);
  }, [takenKey, form]);
}

interface ChecklistProps {
  items: readonly Pick<CampaignDto['standardItems'][number], 'code' | 'name'>[];
  /** The form's `held` values, watched by the caller. */
  held: Record<string, boolean> | undefined;
  labels: { held: string; notHeld: string; note: string };
  /** Each item's row class (e2e and styles). */
  className: string;
  /** Called when an item is marked not held (e.g. to move the verdict). */
  onNotHeld: () => void;
}

/** Each standard item: held / not held (form fields `held.<code>`), and a note (`notes.<code>`) when not. */
export function ItemChecklist({ items, held, labels, className, onNotHeld }: ChecklistProps) {
  return (
    <>
      {items.map((i) => (
        <Flex key={i.code} vertical gap={4} className={className} data-item={i.code} style={{ marginBottom: 12 }}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text strong>{i.name}</Typography.Text>
            <Form.Item name={['held', i.code]} noStyle>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                size="small"
                options={[
                  { value: true, label: labels.held },
                  { value: false, label: labels.notHeld },
                ]}
                onChange={(e) => e.target.value === false && onNotHeld()}
              />
            </Form.Item>
          </Flex>
          {held?.[i.code] === false && (
            <Form.Item name={['notes', i.code]} noStyle>
              <Input placeholder={labels.note} maxLength={500} />
            </Form.Item>
          )}
        </Flex>
      ))}
    </>
  );
}
